package io.quiver.server.flight;

import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;

/** What the server tells clients about its SQL ({@code DatabaseMetaData} in JDBC). */
final class SqlInfos {
  private SqlInfos() {}

  static SqlInfoBuilder create() {
    return new SqlInfoBuilder()
        .withFlightSqlServerName("Quiver")
        .withFlightSqlServerVersion(version())
        .withFlightSqlServerArrowVersion("18.3.0")
        .withFlightSqlServerReadOnly(false)
        .withFlightSqlServerSql(true)
        .withFlightSqlServerSubstrait(false)
        .withFlightSqlServerTransaction(FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
        .withFlightSqlServerCancel(true)
        .withFlightSqlServerStatementTimeout(0)
        .withFlightSqlServerTransactionTimeout(0)
        .withSqlIdentifierQuoteChar("\"")
        .withSqlSearchStringEscape("\\")
        .withSqlExtraNameCharacters("")
        .withSqlSchemaTerm("schema")
        .withSqlCatalogTerm("catalog")
        .withSqlProcedureTerm("procedure")
        .withSqlDdlCatalog(false)
        .withSqlDdlSchema(false)
        .withSqlDdlTable(true)
        .withSqlIdentifierCase(FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_LOWERCASE)
        .withSqlQuotedIdentifierCase(FlightSql.SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlAllTablesAreSelectable(true)
        .withSqlNullOrdering(FlightSql.SqlNullOrdering.SQL_NULLS_SORTED_AT_END)
        .withSqlSupportsColumnAliasing(true)
        .withSqlNullPlusNullIsNull(true)
        .withSqlSupportsTableCorrelationNames(true)
        .withSqlSupportsDifferentTableCorrelationNames(false)
        .withSqlSupportsExpressionsInOrderBy(true)
        .withSqlSupportsOrderByUnrelated(true)
        .withSqlSupportsLikeEscapeClause(false)
        .withSqlSupportsNonNullableColumns(true)
        .withSqlSupportsIntegrityEnhancementFacility(false)
        .withSqlCatalogAtStart(true)
        .withSqlSelectForUpdateSupported(false)
        .withSqlStoredProceduresSupported(false)
        .withSqlCorrelatedSubqueriesSupported(true)
        .withSqlMaxRowSizeIncludesBlobs(true)
        .withSqlTransactionsSupported(false)
        .withSqlDataDefinitionCausesTransactionCommit(false)
        .withSqlDataDefinitionsInTransactionsIgnored(true)
        .withSqlBatchUpdatesSupported(false)
        .withSqlSavepointsSupported(false)
        .withSqlNamedParametersSupported(false)
        .withSqlLocatorsUpdateCopy(false)
        .withSqlStoredFunctionsUsingCallSyntaxSupported(false)
        .withSqlDefaultTransactionIsolation(0)
        .withSqlMaxColumnNameLength(0)
        .withSqlMaxTableNameLength(0)
        .withSqlMaxStatementLength(0)
        .withSqlMaxConnections(0)
        .withSqlKeywords(new String[] {"EXPLAIN", "DESCRIBE", "SHOW", "SET", "RESET", "FUNCTION", "JAR", "COPY"})
        .withSqlNumericFunctions(new String[] {"ABS", "CEIL", "EXP", "FLOOR", "LN", "LOG10", "POWER", "RANDOM", "ROUND", "SQRT"})
        .withSqlStringFunctions(new String[] {"CONCAT", "LENGTH", "LOWER", "REGEXP_EXTRACT", "REGEXP_REPLACE", "REPLACE",
            "SPLIT_PART", "STARTS_WITH", "STRPOS", "SUBSTRING", "TRIM", "UPPER"})
        .withSqlSystemFunctions(new String[] {"COALESCE"})
        .withSqlDatetimeFunctions(new String[] {"EXTRACT"});
  }

  private static String version() {
    String v = SqlInfos.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }
}
