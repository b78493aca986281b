/** SQL types: Quiver's type system and the mapping between Arrow and Calcite types. */
package io.quiver.sql.types;
