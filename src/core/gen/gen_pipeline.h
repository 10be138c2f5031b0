/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generator's state shared by the pipeline files: gen.c (reading and
 * lines), gen_para.c (paragraphs, sentences, dedup, fact store) and
 * gen_draft.c (the draft writer).
 */
#ifndef RECITE_GEN_PIPELINE_H
#define RECITE_GEN_PIPELINE_H

#include "gen_internal.h"

struct gen_set_slot {
    uint64_t key;  /* 0: empty */
    size_t value;  /* caller's payload, never 0 */
};

/* Open-addressing hash set/map of 64-bit keys. */
struct gen_set {
    struct gen_set_slot *slots;
    size_t cap, used;
};
size_t gen_set_get(struct gen_set *set, uint64_t key, size_t value, int *rc);
/*
 * Starts loading key's home slot (as gen_set_get finds it), so that lookups
 * of several keys in a large table wait for memory together, not in turn.
 */
static inline void gen_set_prefetch(const struct gen_set *set, uint64_t key)
{
    if (set->cap)
        __builtin_prefetch(
            &set->slots[(size_t)(((key | 1) * 0x9E3779B97F4A7C15ULL) >> 32) & (set->cap - 1)]);
}
void gen_set_clear(struct gen_set *set);
/* Memory from which gen_advise_huge() asks for huge pages: more pages than the TLB holds. */
#define GEN_HUGE_BYTES (4u << 20)
/*
 * Asks for huge pages under the 2 MiB-aligned part of p[0, bytes) when it is
 * large (Linux, where transparent huge pages are given on request): large
 * tables read at random then miss the TLB far less often, and large arrays
 * and buffers fault in a few pages, not thousands. Advice only: nothing
 * changes where it is not taken.
 */
void gen_advise_huge(void *p, size_t bytes);
/*
 * Memory handed out in order from large blocks and given back all at once:
 * where the facts live, a hundred thousand of them costing a few blocks,
 * not a hundred thousand allocations (nor as many frees at the end). One
 * thread uses an arena at a time.
 */
struct gen_arena {
    struct gen_arena_block *blocks; /* the newest first */
    char *at, *end;                 /* what is left of the newest */
    size_t next;                    /* the size of the next block */
};
/* n bytes aligned for any pointer, or NULL when memory runs out. */
void *gen_arena_alloc(struct gen_arena *a, size_t n);
/* Frees every block of a: what it handed out is gone. */
void gen_arena_clear(struct gen_arena *a);
/*
 * Makes room for count more keys at once, so that the table is not grown
 * (and every key moved) again and again as they come. 0 or RECITE_ENOMEM.
 */
int gen_set_reserve(struct gen_set *set, size_t count);
/* Sets key's value (value != 0), inserting it if absent. Returns 0 or RECITE_ENOMEM. */
int gen_set_update(struct gen_set *set, uint64_t key, size_t value);

struct gen_segment {
    size_t pos;      /* position in the paragraph text */
    uint64_t offset; /* byte offset of that position in the file */
    uint32_t line;   /* its 1-based line */
};

#define GEN_MINHASH 16
/* MinHash signature of a sentence's word 3-shingles (spec §0.3). */
struct gen_minhash {
    uint64_t min[GEN_MINHASH];
    uint32_t words;
};

/*
 * What the reading stage (layout, sentences, dedup, acronyms, timelines) hands
 * the second stage (dated events, member lists, the fact store), in the order
 * the reading met it: each change to the events' context is an item, so the
 * second stage sees the document as one thread reading it would.
 */
enum gen_item_kind {
    GEN_ITEM_SENTENCE, /* facts found so far, then events and lists of the sentence */
    GEN_ITEM_HEADING_FACTS, /* a heading's definitions: a sentence when one is kept */
    GEN_ITEM_BLOCK_FACT,    /* a list gathered from items */
    GEN_ITEM_DATELINE,      /* the document's date line */
    GEN_ITEM_HEADING,       /* a heading line, context for what follows */
    GEN_ITEM_PARAGRAPH_END, /* dates no longer anchor what follows */
};

struct gen_item {
    struct gen_item *next;
    struct gen_doc *doc;
    enum gen_item_kind kind;
    bool entry;           /* SENTENCE: a dated list entry, one event already found */
    bool digit, coord;    /* SENTENCE: the cues of the sentence */
    struct gen_sentence s; /* SENTENCE, HEADING: text is the item's own (text[] below) */
    int year, month, day;  /* DATELINE */
    struct recite_gen_fact *facts; /* found by the reading stage */
    uint64_t *keys;                /* their dedup keys */
    size_t fact_count, fact_cap, key_cap;
    size_t before_events;          /* facts[0, this) are stored before the sentence's events */
    bool lists_read;               /* SENTENCE: its lists are facts[before_events, fact_count) */
    bool acronyms_left;            /* SENTENCE: its acronyms are the second stage's to read */
    char *quote;                   /* SENTENCE: cleaned for quoting, if the reading stage did */
    size_t quote_len;
    char text[];                   /* SENTENCE, HEADING: the text, in the item's own block */
};

/* The second stage's thread and the items waiting for it (gen_pipe.c). */
struct gen_pipe;
/* The threads to use when asked for asked (0: 2 when two CPUs are online, else 1). */
unsigned gen_threads(unsigned asked);
/* Starts a second thread for gen when threads allow it (0: one when two CPUs are online). */
int gen_pipe_new(struct gen_pipe **out, struct recite_gen *gen, unsigned threads);
void gen_pipe_free(struct gen_pipe *p);
/* Queues item (taken over); with no thread it is handled now. Returns the second stage's error. */
int gen_pipe_push(struct gen_pipe *p, struct gen_item *item);
/* Hands what is gathered to the second stage (else it goes 64 items at a time). */
int gen_pipe_flush(struct gen_pipe *p);
/*
 * Whether the reading stage should read the next sentence's lists itself: the
 * second stage is behind (or stage says so: 1 always, 2 never, 0 as it goes).
 */
bool gen_pipe_behind(const struct gen_pipe *p);
/* Whether gen_pipe_behind can ever be true: the reading stage keeps its copy of the context. */
bool gen_pipe_lists_here(const struct gen_pipe *p);
/* Whether the second stage is short of work: it may read the next sentence's acronyms. */
bool gen_pipe_idle(const struct gen_pipe *p);
/* For tests: where lists are read, as gen_pipe_behind's stage. */
void gen_pipe_list_stage(struct gen_pipe *p, int stage);
/* Waits until every queued item is handled; returns the first error of the second stage. */
int gen_pipe_drain(struct gen_pipe *p);
/* The second stage: handles item (gen_para.c). */
/*
 * Starts loading the slots of the fact table item's facts will be looked up
 * in: called for the next item while one is handled, they are in the cache
 * when it comes.
 */
void gen_stage2_prefetch(const struct recite_gen *gen, const struct gen_item *item);
int gen_stage2(struct recite_gen *gen, struct gen_item *item);
void gen_item_free(struct gen_item *item);

/* One document being read. */
struct gen_doc {
    size_t doc;                 /* index in recite_gen.docs */
    size_t fact_start;          /* first fact of this document */
    struct gen_arena *arena;    /* where the reading stage makes the facts it finds */
    struct recite_buf para;        /* the paragraph being assembled */
    struct gen_segment *segs;   /* one per line joined into para */
    size_t seg_count, seg_cap;
    size_t line_pos;            /* where the current line starts in para */
    bool at_line_start;
    bool long_line;             /* the current line was cut at 1 MiB */
    bool dropcap;               /* para ends with a lone capital awaiting its word */
    uint64_t offset;            /* file offset of the next byte */
    uint32_t line;              /* current line number */
    uint64_t bytes, controls;   /* for the 1% control-character rule */
    char carry[4];              /* UTF-8 sequence cut by a chunk boundary */
    size_t carry_len;
    struct gen_set seen;        /* sentence keys */
    struct gen_lexicon *lex;    /* proper-noun lexicon */
    uint32_t sentence_index;    /* next non-duplicate sentence index */
    struct gen_event_state events; /* the second stage's: the reading stage queues changes */
    struct gen_pipe *pipe;      /* the generator's, to the second stage */
    /*
     * The reading stage's copy of what member lists read of the context (the
     * topic and heading, learned as the second stage learns them, and the
     * sentence's own subject), so that it can read a sentence's lists itself
     * when the second stage is behind.
     */
    struct gen_event_state mirror;
    uint32_t lines_seen;        /* non-empty lines so far, for the dateline rule */
    struct gen_minhash *sigs;   /* signatures of long sentences (near-duplicates) */
    size_t sig_count, sig_cap;
    struct gen_set bands;       /* LSH band key -> signature index + 1 */
    struct gen_layout layout;   /* wrap width and the block being read */
    struct gen_block block;     /* list items being gathered into a set */
    char *heading;              /* the last heading read (NULL: none) */
    struct gen_block_cite heading_cite;
    bool prose_since_heading;   /* a paragraph of text followed the heading */
    size_t para_lines;          /* lines in the paragraph being assembled */
    enum gen_line_role para_role; /* role of its first line: TEXT, ITEM, GLOSSARY, ROW */
    size_t para_indent;         /* indentation of its first line */
    size_t glossary_col;        /* GLOSSARY: column where the definition starts */
    size_t blank_run;           /* blank lines since the last line kept */
    bool page_break;            /* page furniture since the last line kept */
    bool prev_ends_sentence;    /* the last line kept ends a sentence */
    bool prev_colon;            /* ... ends with ':' */
    size_t prev_chars;          /* its length in characters */
    size_t prev_words;          /* its words, counted up to 11 */
};

struct recite_gen {
    struct recite_gen_options opts;
    char *bank_id;
    char *title;
    char **docs;                  /* source names */
    size_t doc_count;
    struct recite_gen_fact *facts;
    size_t fact_count, fact_cap;
    struct gen_set fact_keys;     /* dedup keys -> fact index + 1 */
    struct gen_pipe *pipe;        /* the second stage */
    /* the facts' memory: the reading stage's and the second stage's, one thread each */
    struct gen_arena arenas[2];
    int list_stage;               /* for tests: gen_pipe_list_stage's stage */
};

/* For tests: lists read by the reading stage (1), the second (2), or as it goes (0). */
void gen_set_list_stage(struct recite_gen *gen, int stage);

enum gen_line_kind {
    GEN_LINE_TEXT,
    GEN_LINE_DROP,    /* boilerplate or dateline: not part of any paragraph */
    GEN_LINE_DROPCAP, /* a lone capital letter */
};

/* Whether a sentence of 12+ words nearly repeats an earlier one (Jaccard >= 0.9); records it if not. */
int gen_near_duplicate(struct gen_doc *d, const char *text, size_t n, bool *dup);

enum gen_line_kind gen_classify_line(struct gen_doc *d, const char *line, size_t n);
/* Processes sentences of para[0, len); returns bytes consumed (all when final) or < 0. */
int gen_process_paragraph(struct gen_doc *d, size_t len, bool final);
/* Queues a heading line (context for the events and lists that follow). */
int gen_queue_heading(struct gen_doc *d, const char *line, size_t n);
/* A heading's own definitions: "# North Atlantic Treaty Organization (NATO), 1949". */
int gen_heading_facts(struct gen_doc *d, size_t start, size_t end);
void gen_doc_locate(const struct gen_doc *d, size_t pos, uint64_t *offset, uint32_t *line);
/*
 * A fact stored or prepared for storing owns nothing of its own: its
 * strings are in the generator's arenas and go with them (recite_gen_free()),
 * so one dropped (a duplicate, a failure) needs no freeing.
 */
/* Stores a fact found outside the sentence extractors (a list from bullets), citing s. */
int gen_store_fact(struct gen_doc *d, const struct recite_gen_fact *f,
                   const struct gen_sentence *s);
/* Re-registers fact i's dedup key (after facts were dropped). */
void gen_fact_rekey(struct recite_gen *gen, size_t i);

#endif
