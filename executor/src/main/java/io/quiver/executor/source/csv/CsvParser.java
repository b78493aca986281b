package io.quiver.executor.source.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180): fields separated by one delimiter character, optionally
 * enclosed in double quotes, in which delimiters and line breaks are literal and {@code ""} is one
 * quote. Records end at LF, CRLF or CR; blank lines are skipped. A record's fields are kept with
 * whether each was quoted, because an unquoted empty field means NULL.
 */
final class CsvParser implements Closeable {
  /** A field this long can only be a missing closing quote; stop before it eats the heap. */
  private static final int MAX_FIELD_CHARS = 64 * 1024 * 1024;

  private final Reader in;
  private final char delimiter;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private boolean eof;
  private long line = 1;
  private long recordLine;

  private final List<String> fields = new ArrayList<>();
  private final List<Boolean> quoted = new ArrayList<>();
  private final StringBuilder field = new StringBuilder();

  /** A malformed record: the message says what, {@link #line()} on which line it is. */
  static final class CsvSyntaxException extends Exception {
    private final long line;
    private final boolean unclosedQuote;

    CsvSyntaxException(String message, long line) {
      this(message, line, false);
    }

    CsvSyntaxException(String message, long line, boolean unclosedQuote) {
      super(message);
      this.line = line;
      this.unclosedQuote = unclosedQuote;
    }

    long line() {
      return line;
    }

    /** Whether the input ended inside a quoted field. */
    boolean unclosedQuote() {
      return unclosedQuote;
    }
  }

  CsvParser(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /** The 1-based line on which the current record starts. */
  long line() {
    return recordLine;
  }

  int size() {
    return fields.size();
  }

  String field(int i) {
    return fields.get(i);
  }

  boolean quoted(int i) {
    return quoted.get(i);
  }

  /** Reads the next non-blank record; false at the end of the input. */
  boolean next() throws IOException, CsvSyntaxException {
    while (true) {
      fields.clear();
      quoted.clear();
      int c = peek();
      if (c < 0) {
        return false;
      }
      recordLine = line;
      if (c == '\n' || c == '\r') {
        endOfLine();
        continue; // blank line
      }
      readRecord();
      return true;
    }
  }

  private void readRecord() throws IOException, CsvSyntaxException {
    while (true) {
      boolean isQuoted = peek() == '"';
      if (isQuoted) {
        read();
        readQuoted();
      } else {
        readUnquoted();
      }
      fields.add(field.toString());
      quoted.add(isQuoted);
      field.setLength(0);
      int c = peek();
      if (c == delimiter) {
        read();
      } else if (c < 0) {
        return;
      } else if (c == '\n' || c == '\r') {
        endOfLine();
        return;
      } else {
        throw new CsvSyntaxException("unexpected character '" + (char) c + "' after a closing quote", line);
      }
    }
  }

  private void readUnquoted() throws IOException, CsvSyntaxException {
    while (true) {
      int c = peek();
      if (c < 0 || c == delimiter || c == '\n' || c == '\r') {
        return;
      }
      append((char) read());
    }
  }

  private void readQuoted() throws IOException, CsvSyntaxException {
    long start = line;
    while (true) {
      int c = read();
      if (c < 0) {
        throw new CsvSyntaxException("a quoted field is never closed", start, true);
      }
      if (c == '"') {
        if (peek() == '"') {
          read();
          append('"');
        } else {
          return;
        }
      } else {
        if (c == '\n' || (c == '\r' && peek() != '\n')) {
          line++;
        }
        append((char) c);
      }
    }
  }

  private void append(char c) throws CsvSyntaxException {
    if (field.length() >= MAX_FIELD_CHARS) {
      throw new CsvSyntaxException("a field is longer than " + MAX_FIELD_CHARS + " characters (a missing quote?)", recordLine);
    }
    field.append(c);
  }

  private void endOfLine() throws IOException {
    if (read() == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  private int peek() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private int read() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos++];
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    if (line == 1 && len == 0 && buf[0] == '\uFEFF') {
      pos = 1; // byte order mark
    } else {
      pos = 0;
    }
    len = n;
    return pos < len || fill();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
