// Broken-down time and formatting of fixed timestamps: gmtime_r/gmtime fields across
// 1900..9999 (leap days, before 1970, past 2038), timegm round trips, mktime/localtime
// (WASI has no time zone database, so local time is UTC), strftime conversions and its
// buffer-too-small result, asctime, and difftime.
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check.h"

static void show(long long t, const char *want) {
  time_t tt = (time_t)t;
  struct tm tm;
  char buf[80];
  if (!gmtime_r(&tt, &tm)) {
    printf("%lld: gmtime_r failed\n", t);
    failures++;
    return;
  }
  snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d wday %d yday %d dst %d",
           tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
           tm.tm_wday, tm.tm_yday, tm.tm_isdst);
  time_t back = timegm(&tm);
  printf("%13lld -> %s, timegm back: %s\n", t, buf, back == tt ? "same" : "DIFFERENT");
  if (strcmp(buf, want) != 0 || back != tt) {
    printf("FAIL: want %s\n", want);
    failures++;
  }
}

static void fmt(const struct tm *tm, const char *format, const char *want) {
  char buf[128];
  size_t n = strftime(buf, sizeof buf, format, tm);
  printf("strftime \"%s\" -> \"%s\" (%zu)\n", format, buf, n);
  if (strcmp(buf, want) != 0 || n != strlen(want)) {
    printf("FAIL: want \"%s\"\n", want);
    failures++;
  }
}

int main(void) {
  show(1700000000LL, "2023-11-14 22:13:20 wday 2 yday 317 dst 0");
  show(0LL, "1970-01-01 00:00:00 wday 4 yday 0 dst 0");
  show(-1LL, "1969-12-31 23:59:59 wday 3 yday 364 dst 0");
  show(951782400LL, "2000-02-29 00:00:00 wday 2 yday 59 dst 0");
  show(1709251199LL, "2024-02-29 23:59:59 wday 4 yday 59 dst 0");
  show(2147483648LL, "2038-01-19 03:14:08 wday 2 yday 18 dst 0");
  show(-2208988800LL, "1900-01-01 00:00:00 wday 1 yday 0 dst 0");
  show(253402300799LL, "9999-12-31 23:59:59 wday 5 yday 364 dst 0");
  printf("sizeof(time_t) = %zu\n", sizeof(time_t));
  CHECK(sizeof(time_t) == 8);

  time_t t = 1700000000;
  struct tm tm;
  CHECK(gmtime_r(&t, &tm) != NULL);
  fmt(&tm, "%Y-%m-%d %H:%M:%S", "2023-11-14 22:13:20");
  fmt(&tm, "%a %A %b %B %h", "Tue Tuesday Nov November Nov");
  fmt(&tm, "%d|%e|%j|%u|%w", "14|14|318|2|2");
  fmt(&tm, "%U %W %V %G %g", "46 46 46 2023 23");
  fmt(&tm, "%y %C %D %F", "23 20 11/14/23 2023-11-14");
  fmt(&tm, "%T %R %r %I %p %M", "22:13:20 22:13 10:13:20 PM 10 PM 13");
  fmt(&tm, "%c", "Tue Nov 14 22:13:20 2023");
  fmt(&tm, "%x %X", "11/14/23 22:13:20");
  fmt(&tm, "%z %Z", "+0000 UTC");
  fmt(&tm, "100%% [%n] [%t]", "100% [\n] [\t]");

  // week numbers around the new year: 2021-01-03 is a Sunday in ISO week 53 of 2020
  time_t jan3 = 1609632000;
  struct tm j;
  CHECK(gmtime_r(&jan3, &j) != NULL);
  fmt(&j, "%F %a: %U %W %V %G", "2021-01-03 Sun: 01 00 53 2020");
  // padding flags and field widths
  fmt(&j, "%-d|%_d|%-m|%5Y|%3j", "3| 3|1|02021|003");

  // a buffer that is too small: strftime returns 0
  char small[8];
  size_t n = strftime(small, sizeof small, "%Y-%m-%d", &tm);
  printf("strftime into 8 bytes of a 10-character result returns %zu\n", n);
  CHECK(n == 0);
  n = strftime(small, sizeof small, "%H:%M", &tm);
  printf("strftime into 8 bytes of a 5-character result returns %zu [%s]\n", n, small);
  CHECK(n == 5 && strcmp(small, "22:13") == 0);

  // timegm and mktime normalize out-of-range fields
  struct tm odd = {0};
  odd.tm_year = 2023 - 1900;
  odd.tm_mon = 12;       // month 13 of 2023: January 2024
  odd.tm_mday = 31 + 29; // day 60 of January: February 29th
  odd.tm_hour = 25;      // one day and one hour more: March 1st, 01:00
  odd.tm_min = -30;      // half an hour back: 00:30
  time_t norm = timegm(&odd);
  char buf[64];
  strftime(buf, sizeof buf, "%F %T %a yday %j", &odd);
  printf("timegm normalizes 2023-13-60 25:-30 to %s (%lld)\n", buf, (long long)norm);
  CHECK(strcmp(buf, "2024-03-01 00:30:00 Fri yday 061") == 0 && norm == 1709253000);

  // asctime and ctime-style formatting
  char *as = asctime(&tm);
  printf("asctime: %s", as);
  CHECK(strcmp(as, "Tue Nov 14 22:13:20 2023\n") == 0);

  // without a time zone, local time is UTC
  struct tm lt;
  CHECK(localtime_r(&t, &lt) != NULL);
  struct tm copy = lt;
  time_t mk = mktime(&copy);
  printf("localtime_r hour %d, gmtoff %ld; mktime back: %s\n", lt.tm_hour, (long)lt.tm_gmtoff,
         mk == t ? "same" : "DIFFERENT");
  CHECK(lt.tm_hour == 22 && lt.tm_gmtoff == 0 && mk == t);

  printf("difftime(1700000000, 1600000000) = %.1f\n", difftime(1700000000, 1600000000));
  CHECK(difftime(1700000000, 1600000000) == 1e8);
  printf("%s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
