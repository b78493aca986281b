/** Statements: splitting a script, recognising each statement's kind, and their parsed forms. */
package io.quiver.sql.statement;
