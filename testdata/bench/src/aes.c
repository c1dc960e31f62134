/*
 * AES-256-CBC benchmark (a C port of the Go->Wasm runtime study's program, not its binary).
 *
 *   aes            reads the message from stdin, encrypts it with AES-256 in CBC mode with
 *                  PKCS#7 padding under a fixed key and IV, prints key, IV, the ciphertext in
 *                  base64, then decrypts it and prints the plain text
 *   aes --selftest checks the cipher against FIPS-197 appendix C.3 and NIST SP 800-38A F.2.5
 *   aes --kernel SIZE REPS   times bench_kernel(SIZE): encrypt and decrypt SIZE bytes
 *
 * Our own implementation from FIPS-197: the S-box is derived (multiplicative inverse in
 * GF(2^8) followed by the affine map) rather than typed in, so a typo cannot hide in it.
 * https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.197-upd1.pdf
 */
#include "bench.h"

#define NR 14  /* rounds for a 256-bit key (FIPS-197 5, Table 4) */
#define NK 8   /* key words */
#define BLOCK 16

static uint8_t sbox[256], inv_sbox[256];
/* products by InvMixColumns' coefficients 9, 11, 13, 14, filled with the S-box */
static uint8_t mul9[256], mul11[256], mul13[256], mul14[256];

static uint8_t xtime(uint8_t x) {
    return (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1b : 0));
}

static uint8_t gmul(uint8_t a, uint8_t b) {
    uint8_t p = 0;
    while (b) {
        if (b & 1) p ^= a;
        a = xtime(a);
        b >>= 1;
    }
    return p;
}

static uint8_t rotl8(uint8_t x, int s) {
    return (uint8_t)((x << s) | (x >> (8 - s)));
}

/* FIPS-197 5.1.1: b = affine(inverse(a)); 0 has no inverse and maps to 0x63. */
static void init_sbox(void) {
    if (sbox[0] == 0x63) return;
    for (int a = 0; a < 256; a++) {
        uint8_t inv = 0;
        for (int b = 1; b < 256 && a != 0; b++) {
            if (gmul((uint8_t)a, (uint8_t)b) == 1) {
                inv = (uint8_t)b;
                break;
            }
        }
        uint8_t s = (uint8_t)(inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63);
        sbox[a] = s;
        inv_sbox[s] = (uint8_t)a;
        mul9[a] = gmul((uint8_t)a, 9);
        mul11[a] = gmul((uint8_t)a, 11);
        mul13[a] = gmul((uint8_t)a, 13);
        mul14[a] = gmul((uint8_t)a, 14);
    }
}

/* FIPS-197 5.2 KeyExpansion: 4*(NR+1) words as bytes. */
static void expand_key(const uint8_t key[32], uint8_t w[4 * 4 * (NR + 1)]) {
    uint8_t rcon = 1;
    memcpy(w, key, 32);
    for (int i = NK; i < 4 * (NR + 1); i++) {
        uint8_t t[4];
        memcpy(t, w + 4 * (i - 1), 4);
        if (i % NK == 0) {
            uint8_t t0 = t[0];
            t[0] = (uint8_t)(sbox[t[1]] ^ rcon);
            t[1] = sbox[t[2]];
            t[2] = sbox[t[3]];
            t[3] = sbox[t0];
            rcon = xtime(rcon);
        } else if (i % NK == 4) {
            for (int j = 0; j < 4; j++) t[j] = sbox[t[j]];
        }
        for (int j = 0; j < 4; j++) w[4 * i + j] = (uint8_t)(w[4 * (i - NK) + j] ^ t[j]);
    }
}

/* The state is the 16 input bytes in order: byte r + 4c is row r, column c. */
static void add_round_key(uint8_t s[BLOCK], const uint8_t *rk) {
    for (int i = 0; i < BLOCK; i++) s[i] ^= rk[i];
}

static void shift_rows(uint8_t s[BLOCK], int inverse) {
    uint8_t t[BLOCK];
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            int from = inverse ? (c - r + 4) % 4 : (c + r) % 4;
            t[r + 4 * c] = s[r + 4 * from];
        }
    }
    memcpy(s, t, BLOCK);
}

static void mix_columns(uint8_t s[BLOCK]) {
    for (int c = 0; c < 4; c++) {
        uint8_t *col = s + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        col[0] = (uint8_t)(xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3);
        col[1] = (uint8_t)(a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3);
        col[2] = (uint8_t)(a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3);
        col[3] = (uint8_t)(xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3));
    }
}

static void inv_mix_columns(uint8_t s[BLOCK]) {
    for (int c = 0; c < 4; c++) {
        uint8_t *col = s + 4 * c;
        uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
        col[0] = (uint8_t)(mul14[a0] ^ mul11[a1] ^ mul13[a2] ^ mul9[a3]);
        col[1] = (uint8_t)(mul9[a0] ^ mul14[a1] ^ mul11[a2] ^ mul13[a3]);
        col[2] = (uint8_t)(mul13[a0] ^ mul9[a1] ^ mul14[a2] ^ mul11[a3]);
        col[3] = (uint8_t)(mul11[a0] ^ mul13[a1] ^ mul9[a2] ^ mul14[a3]);
    }
}

/* FIPS-197 5.1 Cipher */
static void encrypt_block(const uint8_t *w, uint8_t s[BLOCK]) {
    add_round_key(s, w);
    for (int round = 1; round <= NR; round++) {
        for (int i = 0; i < BLOCK; i++) s[i] = sbox[s[i]];
        shift_rows(s, 0);
        if (round != NR) mix_columns(s);
        add_round_key(s, w + BLOCK * round);
    }
}

/* FIPS-197 5.3 InvCipher */
static void decrypt_block(const uint8_t *w, uint8_t s[BLOCK]) {
    add_round_key(s, w + BLOCK * NR);
    for (int round = NR - 1; round >= 0; round--) {
        shift_rows(s, 1);
        for (int i = 0; i < BLOCK; i++) s[i] = inv_sbox[s[i]];
        add_round_key(s, w + BLOCK * round);
        if (round != 0) inv_mix_columns(s);
    }
}

/* SP 800-38A 6.2 CBC encryption of whole blocks, in place. */
static void cbc_encrypt(const uint8_t *w, const uint8_t iv[BLOCK], uint8_t *data, size_t len) {
    const uint8_t *prev = iv;
    for (size_t off = 0; off < len; off += BLOCK) {
        for (int i = 0; i < BLOCK; i++) data[off + i] ^= prev[i];
        encrypt_block(w, data + off);
        prev = data + off;
    }
}

static void cbc_decrypt(const uint8_t *w, const uint8_t iv[BLOCK], uint8_t *data, size_t len) {
    uint8_t prev[BLOCK], cur[BLOCK];
    memcpy(prev, iv, BLOCK);
    for (size_t off = 0; off < len; off += BLOCK) {
        memcpy(cur, data + off, BLOCK);
        decrypt_block(w, data + off);
        for (int i = 0; i < BLOCK; i++) data[off + i] ^= prev[i];
        memcpy(prev, cur, BLOCK);
    }
}

/* RFC 5652 6.3 (PKCS#7): always 1..16 bytes of value n. Returns the padded length. */
static size_t pkcs7_pad(uint8_t *buf, size_t len) {
    size_t n = BLOCK - len % BLOCK;
    memset(buf + len, (int)n, n);
    return len + n;
}

/* Returns the unpadded length, or (size_t)-1 if the padding is malformed. */
static size_t pkcs7_unpad(const uint8_t *buf, size_t len) {
    if (len == 0 || len % BLOCK != 0) return (size_t)-1;
    uint8_t n = buf[len - 1];
    if (n == 0 || n > BLOCK) return (size_t)-1;
    for (size_t i = len - n; i < len; i++) {
        if (buf[i] != n) return (size_t)-1;
    }
    return len - n;
}

/* RFC 4648 4 */
static void print_base64(const uint8_t *data, size_t len) {
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char out[4];
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)data[i] << 16;
        if (i + 1 < len) v |= (uint32_t)data[i + 1] << 8;
        if (i + 2 < len) v |= data[i + 2];
        out[0] = digits[(v >> 18) & 63];
        out[1] = digits[(v >> 12) & 63];
        out[2] = i + 1 < len ? digits[(v >> 6) & 63] : '=';
        out[3] = i + 2 < len ? digits[v & 63] : '=';
        fwrite(out, 1, 4, stdout);
    }
    putchar('\n');
}

static void print_hex(const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) printf("%02x", data[i]);
    putchar('\n');
}

static void from_hex(const char *hex, uint8_t *out) {
    for (size_t i = 0; hex[2 * i]; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

static int check(const char *what, const uint8_t *got, const char *want_hex) {
    uint8_t want[64];
    size_t len = strlen(want_hex) / 2;
    from_hex(want_hex, want);
    int ok = memcmp(got, want, len) == 0;
    printf("%s: %s\n", ok ? "ok" : "FAILED", what);
    return ok;
}

static int selftest(void) {
    uint8_t key[32], w[4 * 4 * (NR + 1)], block[BLOCK], data[64], iv[BLOCK];
    int ok = 1;
    /* FIPS-197 Appendix C.3, AES-256 */
    from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key);
    from_hex("00112233445566778899aabbccddeeff", block);
    expand_key(key, w);
    encrypt_block(w, block);
    ok &= check("FIPS-197 C.3 cipher", block, "8ea2b7ca516745bfeafc49904b496089");
    decrypt_block(w, block);
    ok &= check("FIPS-197 C.3 inverse cipher", block, "00112233445566778899aabbccddeeff");
    /* SP 800-38A F.2.5 CBC-AES256.Encrypt and F.2.6 Decrypt */
    from_hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", key);
    from_hex("000102030405060708090a0b0c0d0e0f", iv);
    const char *plain = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
    from_hex(plain, data);
    expand_key(key, w);
    cbc_encrypt(w, iv, data, 64);
    ok &= check("SP 800-38A F.2.5 CBC-AES256 encrypt", data,
                "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
                "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");
    cbc_decrypt(w, iv, data, 64);
    ok &= check("SP 800-38A F.2.6 CBC-AES256 decrypt", data, plain);
    printf("%s\n", ok ? "selftest passed" : "selftest FAILED");
    return ok ? 0 : 1;
}

static const uint8_t KEY[32] = "wasm2jvm-benchmark-key-32-bytes!";
static const uint8_t IV[BLOCK] = "fixed-iv-16bytes";

BENCH_EXPORT int32_t bench_kernel(int32_t size) {
    init_sbox();
    uint8_t w[4 * 4 * (NR + 1)];
    expand_key(KEY, w);
    size_t len = (size_t)size;
    uint8_t *data = malloc(len + BLOCK);
    if (data == NULL) return -1;
    bench_rng rng = {4242};
    for (size_t i = 0; i < len; i++) data[i] = (uint8_t)bench_next(&rng);
    size_t padded = pkcs7_pad(data, len);
    cbc_encrypt(w, IV, data, padded);
    uint32_t h = 0;
    for (size_t i = 0; i < padded; i += 4) h = bench_mix(h, (uint32_t)data[i] | (uint32_t)data[i + 1] << 8);
    cbc_decrypt(w, IV, data, padded);
    /* the round trip must restore the message: fold a mismatch into the checksum */
    rng.state = 4242;
    for (size_t i = 0; i < len; i++) {
        if (data[i] != (uint8_t)bench_next(&rng)) h ^= 0x80000000u;
    }
    if (pkcs7_unpad(data, padded) != len) h ^= 0x40000000u;
    free(data);
    return (int32_t)h;
}

static uint8_t *read_all(FILE *in, size_t *len) {
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + BLOCK);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, in)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + BLOCK); /* + BLOCK: room for the padding */
        }
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    int status;
    if (bench_kernel_main(argc, argv, &status)) return status;
    init_sbox();
    if (argc == 2 && strcmp(argv[1], "--selftest") == 0) return selftest();
    if (argc != 1) {
        fprintf(stderr, "usage: aes [--selftest | --kernel SIZE REPS] < message\n");
        return 2;
    }
    size_t len;
    uint8_t *msg = read_all(stdin, &len);
    if (msg == NULL || ferror(stdin)) {
        fprintf(stderr, "aes: cannot read stdin\n");
        return 1;
    }
    uint8_t w[4 * 4 * (NR + 1)];
    expand_key(KEY, w);
    uint8_t *data = malloc(len + BLOCK);
    memcpy(data, msg, len);
    size_t padded = pkcs7_pad(data, len);
    cbc_encrypt(w, IV, data, padded);
    printf("key: ");
    print_hex(KEY, sizeof KEY);
    printf("iv: ");
    print_hex(IV, sizeof IV);
    printf("plaintext bytes: %" PRIu64 "\n", (uint64_t)len);
    printf("ciphertext (base64):\n");
    print_base64(data, padded);
    cbc_decrypt(w, IV, data, padded);
    size_t plain_len = pkcs7_unpad(data, padded);
    if (plain_len != len || memcmp(data, msg, len) != 0) {
        printf("decryption did not restore the message\n");
        return 1;
    }
    printf("decrypted:\n");
    fwrite(data, 1, plain_len, stdout);
    free(data);
    free(msg);
    return 0;
}
