/**
 * The SQL front end: Calcite set-up (parser, operator table, type system), statements, the catalog and
 * SQL → RelNode. It knows nothing of how anything executes.
 */
package io.quiver.sql;
