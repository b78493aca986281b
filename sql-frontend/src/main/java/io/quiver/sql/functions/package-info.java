/** SQL functions: the operator table, table functions and their argument handling. */
package io.quiver.sql.functions;
