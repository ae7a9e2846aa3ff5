/*
 * libsecp256k1's own speed on this machine, for the ratios in docs/benchmarks.md: ECDSA signing
 * (secp256k1_ecdsa_sign_recoverable, i.e. with the recovery id, the same job as the Java backends' sign) and
 * public key recovery (secp256k1_ecdsa_recover), one thread, over 256 distinct keys/digests.
 * Built and run by scripts/bench-crypto.sh against Debian's libsecp256k1-dev:
 *   gcc -O2 -o secp256k1_bench secp256k1_bench.c -lsecp256k1
 * Prints one line per operation: "<op> <ops/s>" for each of several rounds, then the median.
 */
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POOL 256

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* splitmix64: deterministic key and digest bytes */
static uint64_t sm_state = 0x6a09e667f3bcc908ULL;
static uint64_t splitmix64(void) {
    uint64_t z = (sm_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static void fill(unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = splitmix64();
        memcpy(p + i, &v, 8);
    }
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    static unsigned char keys[POOL][32], msgs[POOL][32];
    static secp256k1_ecdsa_recoverable_signature sigs[POOL];
    static unsigned char compact[POOL][64];
    static int recids[POOL];
    for (int i = 0; i < POOL; i++) {
        do { fill(keys[i], 32); } while (!secp256k1_ec_seckey_verify(ctx, keys[i]));
        fill(msgs[i], 32);
        if (!secp256k1_ecdsa_sign_recoverable(ctx, &sigs[i], msgs[i], keys[i], NULL, NULL)) return 1;
        secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact[i], &recids[i], &sigs[i]);
    }
    volatile unsigned sink = 0;
    const char *ops[2] = {"sign", "recover"};
    double *rates = malloc(sizeof(double) * rounds);
    for (int op = 0; op < 2; op++) {
        /* warm-up */
        double end = now_s() + seconds / 2;
        long n = 0;
        while (now_s() < end) {
            for (int i = 0; i < POOL; i++) {
                secp256k1_ecdsa_recoverable_signature s;
                secp256k1_pubkey pk;
                if (op == 0) {
                    secp256k1_ecdsa_sign_recoverable(ctx, &s, msgs[i], keys[i], NULL, NULL);
                    sink += s.data[0];
                } else {
                    secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &s, compact[i], recids[i]);
                    sink += secp256k1_ecdsa_recover(ctx, &pk, &s, msgs[i]);
                }
            }
            n += POOL;
        }
        for (int r = 0; r < rounds; r++) {
            double start = now_s();
            n = 0;
            do {
                for (int i = 0; i < POOL; i++) {
                    secp256k1_ecdsa_recoverable_signature s;
                    secp256k1_pubkey pk;
                    if (op == 0) {
                        secp256k1_ecdsa_sign_recoverable(ctx, &s, msgs[i], keys[i], NULL, NULL);
                        sink += s.data[0];
                    } else {
                        /* parse + recover + serialize: what the JNI binding does per call */
                        unsigned char out[65];
                        size_t outlen = 65;
                        secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &s, compact[i], recids[i]);
                        sink += secp256k1_ecdsa_recover(ctx, &pk, &s, msgs[i]);
                        secp256k1_ec_pubkey_serialize(ctx, out, &outlen, &pk, SECP256K1_EC_UNCOMPRESSED);
                        sink += out[1];
                    }
                }
                n += POOL;
            } while (now_s() - start < seconds);
            rates[r] = n / (now_s() - start);
            printf("%s %.0f\n", ops[op], rates[r]);
        }
        qsort(rates, rounds, sizeof(double), cmp_double);
        printf("median %s %.0f\n", ops[op], rates[rounds / 2]);
        fflush(stdout);
    }
    free(rates);
    secp256k1_context_destroy(ctx);
    return sink == 0xdeadbeef; /* keep the work observable */
}
