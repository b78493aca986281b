/** What a Quiver UDF author compiles against: Arrow vectors, tensor helpers and (later) the UDF interfaces. */
package io.quiver.udf;
