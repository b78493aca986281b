package io.quiver.sql;

import io.quiver.sql.catalog.Catalog;
import io.quiver.sql.catalog.ViewInliner;
import io.quiver.sql.functions.ArgumentNamer;
import io.quiver.sql.functions.QuiverOperatorTable;
import io.quiver.sql.functions.TableFunctions;
import io.quiver.sql.types.QuiverTypeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * SQL → Calcite RelNode for one session: inlines views, names table function arguments, validates
 * (errors become {@link SqlError}s with positions and "did you mean" hints) and converts to relational
 * algebra. Sub-queries are left as RexSubQuery for the planner's rules to remove.
 */
public final class SqlCompiler {
  private final Catalog catalog;
  private final TableFunctions tableFunctions;
  private final SqlOperatorTable operatorTable;
  private final RelDataTypeFactory typeFactory = new QuiverTypeFactory();

  public SqlCompiler(Catalog catalog, TableFunctions tableFunctions) {
    this.catalog = catalog;
    this.tableFunctions = tableFunctions;
    this.operatorTable = QuiverOperatorTable.create(tableFunctions);
  }

  public RelDataTypeFactory typeFactory() {
    return typeFactory;
  }

  public TableFunctions tableFunctions() {
    return tableFunctions;
  }

  /** Validates and converts a parsed query; the result's {@code rel} is not yet optimized. */
  public RelRoot toRel(SqlNode query) {
    tableFunctions.clearResolved();
    SqlNode prepared = query.accept(new ViewInliner(catalog)).accept(new ArgumentNamer(tableFunctions));
    SelectAliases.apply(prepared);
    CalciteCatalogReader reader = catalogReader();
    SqlOperatorTable operators = SqlOperatorTables.chain(operatorTable, catalog.functions().operatorTable());
    SqlValidator validator = SqlValidatorUtil.newValidator(operators, reader, typeFactory,
        SqlValidator.Config.DEFAULT
            .withConformance(SqlParsing.CONFORMANCE)
            .withIdentifierExpansion(true)
            .withDefaultNullCollation(NullCollation.LAST));
    SqlNode validated;
    try {
      validated = validator.validate(prepared);
    } catch (CalciteContextException e) {
      throw validationError(e, prepared, operators);
    }
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
        new RexBuilder(typeFactory));
    SqlToRelConverter converter = new SqlToRelConverter(null, validator, reader, cluster,
        StandardConvertletTable.INSTANCE,
        SqlToRelConverter.config().withExpand(false).withTrimUnusedFields(false));
    return converter.convertQuery(validated, false, true);
  }

  private CalciteCatalogReader catalogReader() {
    Properties props = new Properties();
    props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(props);
    return new CalciteCatalogReader(CalciteSchema.from(catalog.calciteSchema()), List.of(), typeFactory, config);
  }

  /** True if {@code name} is a built-in function (a UDF may not take its name). */
  public boolean isBuiltinFunction(String name) {
    List<SqlOperator> found = new ArrayList<>();
    operatorTable.lookupOperatorOverloads(new SqlIdentifier(name.toUpperCase(java.util.Locale.ROOT), SqlParserPos.ZERO),
        null, SqlSyntax.FUNCTION, found, SqlNameMatchers.withCaseSensitive(false));
    return !found.isEmpty();
  }

  private SqlError validationError(CalciteContextException e, SqlNode query, SqlOperatorTable operatorTable) {
    String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    String hint = NameHints.hint(message, query, catalog, tableFunctions, operatorTable, typeFactory);
    SqlParserPos pos = e.getPosLine() > 0
        ? new SqlParserPos(e.getPosLine(), e.getPosColumn(), e.getEndPosLine(), e.getEndPosColumn())
        : SqlParserPos.ZERO;
    return new SqlError(hint == null ? message : message + "; did you mean '" + hint + "'?", pos, e);
  }
}
