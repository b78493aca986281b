package io.quiver.executor.plan.codec;

/** The tags that say which kind of constant follows in the codec's byte stream. */
final class ValueTag {
  private ValueTag() {}

  static final int NULL = 0;
  static final int BOOLEAN = 1;
  static final int BYTE = 2;
  static final int SHORT = 3;
  static final int INT = 4;
  static final int LONG = 5;
  static final int FLOAT = 6;
  static final int DOUBLE = 7;
  static final int DECIMAL = 8;
  static final int STRING = 9;
  static final int BINARY = 10;
  static final int LIST = 11;
  static final int MAP = 12;
}
