// SQLite port check: a database file in the preopened directory argv[1]; 10,000 rows inserted in
// one transaction, queries, a rolled-back transaction, then reopen and PRAGMA integrity_check.
// The host's sqlite3 then reads the same file.
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>

static sqlite3 *db;

static void check(int rc, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    printf("FAIL: %s: %s (%d)\n", what, db ? sqlite3_errmsg(db) : "no database", rc);
    exit(1);
  }
}

static void exec(const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    printf("FAIL: %s: %s\n", sql, err ? err : "?");
    exit(1);
  }
}

/** Prints every row of a query, columns separated by '|'. */
static void query(const char *label, const char *sql) {
  sqlite3_stmt *st;
  check(sqlite3_prepare_v2(db, sql, -1, &st, NULL), sql);
  printf("%s:", label);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) printf("%s%s", i ? "|" : " ", (const char *)sqlite3_column_text(st, i));
    printf(";");
  }
  check(rc, sql);
  sqlite3_finalize(st);
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    printf("usage: sqlite-check DIR\n");
    return 2;
  }
  char path[512];
  snprintf(path, sizeof path, "%s/test.db", argv[1]);
  printf("sqlite %s\n", sqlite3_libversion());
  check(sqlite3_open(path, &db), "open");
  exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, x INTEGER, y REAL)");
  exec("CREATE INDEX t_x ON t (x)");

  exec("BEGIN");
  sqlite3_stmt *ins;
  check(sqlite3_prepare_v2(db, "INSERT INTO t (name, x, y) VALUES (?, ?, ?)", -1, &ins, NULL), "prepare insert");
  for (int i = 1; i <= 10000; i++) {
    char name[32];
    snprintf(name, sizeof name, "row-%05d", i);
    sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(ins, 2, (i * 37) % 1000);
    sqlite3_bind_double(ins, 3, i / 4.0);
    check(sqlite3_step(ins), "insert");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  exec("COMMIT");

  query("count", "SELECT count(*), sum(x), max(y) FROM t");
  query("range", "SELECT count(*) FROM t WHERE x BETWEEN 100 AND 199");
  query("group", "SELECT x % 3, count(*) FROM t GROUP BY 1 ORDER BY 1");
  query("like", "SELECT name FROM t WHERE name LIKE 'row-0999%' ORDER BY id DESC LIMIT 3");
  query("join", "SELECT count(*) FROM t a JOIN t b ON a.x = b.x WHERE a.id < 50");

  exec("BEGIN");
  exec("DELETE FROM t WHERE id % 2 = 0");
  exec("UPDATE t SET name = 'changed'");
  query("in transaction", "SELECT count(*), count(DISTINCT name) FROM t");
  exec("ROLLBACK");
  query("after rollback", "SELECT count(*), count(DISTINCT name) FROM t");
  check(sqlite3_close(db), "close");
  db = NULL;

  check(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), "reopen");
  query("integrity_check", "PRAGMA integrity_check");
  query("reopened", "SELECT count(*), sum(x) FROM t");
  check(sqlite3_close(db), "close");
  return 0;
}
