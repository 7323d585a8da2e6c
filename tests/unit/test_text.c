/*
 * test_text.c - tokenizer, folding and UTF-8 helpers.
 */
#include "sr_test.h"
#include "text/sr_text.h"

static sr_alloc A;

static void fold(const char *in, const char *want, int key)
{
    sr_buf b;
    sr_buf_init(&b, &A, 1024);
    CHECK_EQ_INT(key ? sr_fold_key(&b, in, strlen(in)) : sr_fold_word(&b, in, strlen(in)), SITREP_OK);
    CHECK_EQ_STR(b.data ? b.data : "", want);
    sr_buf_free(&b);
}

static void test_fold(void)
{
    fold("Sant Julià de Lòria", "sant julia de loria", 1);
    fold("SANA'A", "sanaa", 1);
    fold("Al-Bukamal", "al bukamal", 1);
    fold("  St. Louis ", "st louis", 1);
    fold("Bogotá", "bogota", 0);
    fold("Qa’ida", "qaida", 0);
    fold("U.S.", "us", 0);
    CHECK(sr_hash("ab", 2) == sr_hash_extend(sr_hash("a", 1), "b", 1, 0));
    CHECK(sr_hash("a b", 3) == sr_hash_extend(sr_hash("a", 1), "b", 1, 1));
}

static void test_utf8(void)
{
    CHECK_EQ_INT(sr_utf8_check("ok \xc3\xa9", 5), 5);
    CHECK_EQ_INT(sr_utf8_check("ab\xff", 3), 2);
    CHECK_EQ_INT(sr_utf8_check("a\xe2\x82", 3), 1);   /* truncated */
    CHECK_EQ_INT(sr_utf8_check("\xed\xa0\x80", 3), 0); /* surrogate */
    CHECK_EQ_INT(sr_utf8_check("\xc0\xaf", 2), 0);     /* overlong */
}

static void test_tokens(void)
{
    sr_arena ar;
    sr_arena_init(&ar, &A, 4096);
    const char *s = "Gunmen killed 1,200 people in Al-Bukamal's market. Mr. Smith said the U.S. "
                    "embassy was hit.\n\nA second paragraph";
    sr_tokens t;
    CHECK_EQ_INT(sr_tokenize(&ar, s, strlen(s), &t), SITREP_OK);
    CHECK(t.ntok > 10);
    CHECK(sr_tok_is(&t, 0, "gunmen"));
    CHECK(t.tok[0].flags & SR_TF_CAP);
    CHECK(sr_tok_is(&t, 2, "1,200"));
    CHECK_EQ_INT(t.tok[2].kind, SR_TOK_NUM);
    CHECK(sr_tok_is(&t, 5, "al"));
    CHECK(sr_tok_is(&t, 6, "-"));
    CHECK(sr_tok_is(&t, 7, "bukamal"));
    CHECK(sr_tok_is(&t, 8, "'s"));
    CHECK_EQ_INT(t.nsent, 3);
    /* "Mr." does not end a sentence; "U.S." is one token */
    size_t us = 0;
    for (size_t i = 0; i < t.ntok; i++)
        if (sr_tok_is(&t, i, "us"))
            us = i;
    CHECK(us > 0);
    CHECK_EQ_VIEW(s + t.tok[us].start, t.tok[us].end - t.tok[us].start, "U.S.");
    CHECK(t.tok[t.sent[2].tok_begin].flags & SR_TF_PARA_START);
    CHECK(!t.upper_case);
    sr_arena_reset(&ar);

    const char *u = "SAN SALVADOR, 3 JAN 90 -- FIVE PEASANTS WERE KILLED. THE ARMY SAID.";
    CHECK_EQ_INT(sr_tokenize(&ar, u, strlen(u), &t), SITREP_OK);
    CHECK(t.upper_case);
    CHECK_EQ_INT(t.nsent, 2);
    sr_arena_free(&ar);
}

static void test_tokens_hostile(void)
{
    sr_arena ar;
    sr_arena_init(&ar, &A, 4096);
    const char s[] = "\xff\xfe\x00 abc\xe2\x80\x99 \xc3 9mm 1990s 'twas ''''' ---";
    sr_tokens t;
    CHECK_EQ_INT(sr_tokenize(&ar, s, sizeof s - 1, &t), SITREP_OK);
    for (size_t i = 0; i < t.ntok; i++) {
        CHECK(t.tok[i].start < t.tok[i].end);
        CHECK(t.tok[i].end <= sizeof s - 1);
    }
    CHECK_EQ_INT(sr_tokenize(&ar, "", 0, &t), SITREP_OK);
    CHECK_EQ_INT(t.ntok, 0);
    CHECK_EQ_INT(t.nsent, 0);
    sr_arena_free(&ar);
}

int main(void)
{
    sr_alloc_init(&A, NULL);
    static const sr_test_case cases[] = {T(test_fold), T(test_utf8), T(test_tokens), T(test_tokens_hostile)};
    return sr_test_run("text", cases, sizeof cases / sizeof cases[0]);
}
