/** The session catalog: materialized tables and views, as Calcite sees them. */
package io.quiver.sql.catalog;
