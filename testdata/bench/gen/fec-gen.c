/*
 * Writes ROWS synthetic donation records to stdout in the layout of the FEC "individual
 * contributions" bulk files (itcont.txt): 21 pipe-separated fields, NAME as "LAST, FIRST M",
 * TRANSACTION_DT as MMDDYYYY. Deterministic: the same ROWS always gives the same bytes.
 *
 *   fec-gen ROWS > file
 *
 * https://www.fec.gov/campaign-finance-data/contributions-individuals-file-description/
 * Field order: CMTE_ID AMNDT_IND RPT_TP TRANSACTION_PGI IMAGE_NUM TRANSACTION_TP ENTITY_TP
 * NAME CITY STATE ZIP_CODE EMPLOYER OCCUPATION TRANSACTION_DT TRANSACTION_AMT OTHER_ID
 * TRAN_ID FILE_NUM MEMO_CD MEMO_TEXT SUB_ID.
 *
 * Donors come from a pool of ROWS/4 + 1 people, so names repeat the way real donors do.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

static const char *LAST[] = {
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ",
    "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN",
    "LEE", "PEREZ", "THOMPSON", "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON",
    "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "TORRES", "NGUYEN", "HILL", "FLORES",
    "GREEN", "ADAMS", "NELSON", "BAKER", "HALL", "RIVERA", "CAMPBELL", "MITCHELL", "CARTER", "ROBERTS",
    "GOMEZ", "PHILLIPS", "EVANS", "TURNER", "DIAZ", "PARKER", "CRUZ", "EDWARDS", "COLLINS", "REYES",
    "STEWART", "MORRIS", "MORALES", "MURPHY", "COOK", "ROGERS", "GUTIERREZ", "ORTIZ", "MORGAN", "COOPER",
    "PETERSON", "BAILEY", "REED", "KELLY", "HOWARD", "RAMOS", "KIM", "COX", "WARD", "RICHARDSON",
    "WATSON", "BROOKS", "CHAVEZ", "WOOD", "JAMES", "BENNETT", "GRAY", "MENDOZA", "RUIZ", "HUGHES",
    "PRICE", "ALVAREZ", "CASTILLO", "SANDERS", "PATEL", "MYERS", "LONG", "ROSS", "FOSTER", "JIMENEZ",
};
static const char *FIRST[] = {
    "JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA", "DAVID", "ELIZABETH",
    "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS", "SARAH", "CHARLES", "KAREN",
    "CHRISTOPHER", "LISA", "DANIEL", "NANCY", "MATTHEW", "BETTY", "ANTHONY", "MARGARET", "MARK", "SANDRA",
    "DONALD", "ASHLEY", "STEVEN", "KIMBERLY", "PAUL", "EMILY", "ANDREW", "DONNA", "JOSHUA", "MICHELLE",
};
static const char *SUFFIX[] = {"", " JR", " SR", " II", " III", " IV", " MD", " PHD"};
static const char *PLACE[][3] = {
    {"NEW YORK", "NY", "10001"},   {"LOS ANGELES", "CA", "90012"}, {"CHICAGO", "IL", "60601"},
    {"HOUSTON", "TX", "77002"},    {"PHOENIX", "AZ", "85004"},     {"PHILADELPHIA", "PA", "19103"},
    {"SAN ANTONIO", "TX", "78205"}, {"SAN DIEGO", "CA", "92101"},  {"DALLAS", "TX", "75201"},
    {"AUSTIN", "TX", "78701"},     {"SEATTLE", "WA", "98101"},     {"DENVER", "CO", "80202"},
    {"BOSTON", "MA", "02108"},     {"ATLANTA", "GA", "30303"},     {"MIAMI", "FL", "33130"},
    {"PORTLAND", "OR", "97204"},
};
static const char *JOB[][2] = {
    {"RETIRED", "RETIRED"},         {"SELF-EMPLOYED", "ATTORNEY"},  {"NOT EMPLOYED", "NOT EMPLOYED"},
    {"ACME CORP", "ENGINEER"},      {"CITY HOSPITAL", "PHYSICIAN"}, {"STATE UNIVERSITY", "PROFESSOR"},
    {"SELF-EMPLOYED", "CONSULTANT"}, {"BIG BANK", "ANALYST"},        {"PUBLIC SCHOOLS", "TEACHER"},
    {"INFORMATION REQUESTED", "INFORMATION REQUESTED"},
};
static const char *REPORT[] = {"Q1", "Q2", "Q3", "YE", "M3", "M6", "12G", "30G"};

static uint32_t state = 20240601;

static uint32_t next(void) {
    state = (uint32_t)(((uint64_t)state * 48271u) % 2147483647u);
    return state;
}

int main(int argc, char **argv) {
    long long rows = argc == 2 ? atoll(argv[1]) : -1;
    if (rows < 0) {
        fprintf(stderr, "usage: fec-gen ROWS > file\n");
        return 2;
    }
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    uint32_t pool = (uint32_t)(rows / 4 + 1);
    for (long long r = 0; r < rows; r++) {
        /* one next() per statement: argument evaluation order is unspecified in C */
        uint32_t person = next() % pool;
        uint32_t id = person * 2654435761u; /* odd multiplier: a bijection, spreads small pools */
        const char *last = LAST[id % COUNT(LAST)];
        id /= COUNT(LAST);
        const char *first = FIRST[id % COUNT(FIRST)];
        id /= COUNT(FIRST);
        uint32_t middle = id % 27; /* 26: no middle initial */
        id /= 27;
        const char *suffix = SUFFIX[id % COUNT(SUFFIX)];
        const char **place = PLACE[person % COUNT(PLACE)];
        const char **job = JOB[(person / 7) % COUNT(JOB)];
        uint32_t cmte = 100000 + next() % 900;
        uint32_t year = 2017 + next() % 4;
        uint32_t month = 1 + next() % 12;
        uint32_t day = 1 + next() % 28;
        uint32_t amount = 1 + next() % 2800;
        const char *report = REPORT[next() % COUNT(REPORT)];
        uint32_t file_num = 1200000 + next() % 90000;
        char mid[3] = {' ', (char)('A' + middle), '\0'};
        printf("C00%06" PRIu32 "|N|%s|P%04" PRIu32 "|%04" PRIu32 "%014lld|15|IND|%s, %s%s%s|%s|%s|%s%04" PRIu32
               "|%s|%s|%02" PRIu32 "%02" PRIu32 "%04" PRIu32 "|%" PRIu32 "||SA11AI.%lld|%" PRIu32 "|||%lld\n",
               cmte, report, year + (year % 2), year, r, last, first, middle == 26 ? "" : mid, suffix, place[0],
               place[1], place[2], person % 10000, job[0], job[1], month, day, year, amount, r + 1, file_num,
               4000000000000000000LL + r);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
