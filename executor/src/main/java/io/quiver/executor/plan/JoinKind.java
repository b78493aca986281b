package io.quiver.executor.plan;

/** Join kinds the hash join supports. */
public enum JoinKind { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }
