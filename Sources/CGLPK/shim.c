#include "CGLPK.h"

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// MARK: Terminal output

// GLPK's terminal hook: returning non-zero tells GLPK not to print the text itself.
static int on_output(void *info, const char *s) {
    cglpk_output *sink = info;
    if (sink == NULL) return 1;
    if (sink->echo) fputs(s, stderr);
    if (sink->truncated) return 1;
    size_t n = strlen(s);
    if (sink->length + n + 1 > CGLPK_OUTPUT_LIMIT) {
        sink->truncated = 1;
        return 1;
    }
    if (sink->length + n + 1 > sink->capacity) {
        size_t want = sink->capacity ? sink->capacity : 256;
        while (want < sink->length + n + 1) want *= 2;
        char *grown = realloc(sink->text, want);  // plain malloc: outlives glp_free_env
        if (grown == NULL) {
            sink->truncated = 1;
            return 1;
        }
        sink->text = grown;
        sink->capacity = want;
    }
    memcpy(sink->text + sink->length, s, n + 1);
    sink->length += n;
    return 1;
}

void cglpk_capture_output(cglpk_output *sink) { glp_term_hook(on_output, sink); }

void cglpk_output_release(cglpk_output *sink) {
    free(sink->text);
    memset(sink, 0, sizeof *sink);
}

// MARK: Parameters

void cglpk_init_smcp(glp_smcp *parm, int time_limit_ms) {
    glp_init_smcp(parm);
    parm->msg_lev = GLP_MSG_ERR;
    parm->presolve = GLP_OFF;
    parm->tm_lim = time_limit_ms < 0 ? INT_MAX : time_limit_ms;
}

void cglpk_init_iocp(glp_iocp *parm, int time_limit_ms, double mip_gap) {
    glp_init_iocp(parm);
    parm->msg_lev = GLP_MSG_ERR;
    parm->presolve = GLP_OFF;
    parm->tm_lim = time_limit_ms < 0 ? INT_MAX : time_limit_ms;
    parm->mip_gap = mip_gap;
}

// MARK: The error guard

// GLPK's error hook: jump back to the setjmp in `guarded`. GLPK has already written its
// message through the terminal hook; its environment is left inconsistent, so `guarded`
// frees it.
static void on_error(void *info) { longjmp(*(jmp_buf *)info, 1); }

// Runs `call(args)` with the error hook installed. Nothing between setjmp and longjmp but
// this file's C code and GLPK. `ret` is only read on the normal path, so it needs no
// `volatile`.
static int guarded(int (*call)(void *), void *args) {
    jmp_buf target;
    if (setjmp(target) != 0) {
        // Frees every GLPK object of this thread, the problem objects included; the next
        // GLPK call on this thread starts a fresh environment.
        glp_free_env();
        return CGLPK_TRAPPED;
    }
    glp_error_hook(on_error, &target);
    int ret = call(args);
    glp_error_hook(NULL, NULL);  // `target` dies with this frame: never jump to it later
    return ret;
}

// MARK: Guarded calls

struct simplex_args {
    glp_prob *P;
    const glp_smcp *parm;
};

static int call_simplex(void *p) {
    struct simplex_args *a = p;
    return glp_simplex(a->P, a->parm);
}

int cglpk_guarded_simplex(glp_prob *P, const glp_smcp *parm) {
    struct simplex_args a = {P, parm};
    return guarded(call_simplex, &a);
}

struct intopt_args {
    glp_prob *P;
    const glp_iocp *caller;  // the caller's parameters (and callback)
    glp_iocp parm;           // a copy whose callback is on_branch_and_cut
    cglpk_mip_progress *progress;
    const double *start;  // offered once at GLP_IHEUR (may be NULL)
    int *start_accepted;
};

// Branch-and-cut callback: glp_ios_best_node and glp_ios_mip_gap may be called for any
// reason; glp_ios_best_node returns 0 when no subproblem is active (then the last bound
// seen is kept).
static void on_branch_and_cut(glp_tree *T, void *info) {
    struct intopt_args *a = info;
    cglpk_mip_progress *r = a->progress;
    if (r != NULL) {
        r->callbacks += 1;
        int p = glp_ios_best_node(T);
        if (p != 0) {
            r->has_bound = 1;
            r->best_bound = glp_ios_node_bound(T, p);
        }
        r->mip_gap = glp_ios_mip_gap(T);
    }
    if (a->start != NULL && glp_ios_reason(T) == GLP_IHEUR) {
        // glp_ios_heur_sol returns 0 when the solution was accepted as the new incumbent.
        int rejected = glp_ios_heur_sol(T, a->start);
        if (a->start_accepted != NULL) *a->start_accepted = rejected == 0;
        a->start = NULL;
    }
    if (a->caller->cb_func != NULL) a->caller->cb_func(T, a->caller->cb_info);
}

static int call_intopt(void *p) {
    struct intopt_args *a = p;
    return glp_intopt(a->P, &a->parm);
}

int cglpk_guarded_intopt(glp_prob *P, const glp_iocp *parm, cglpk_mip_progress *progress) {
    return cglpk_guarded_intopt_from(P, parm, progress, NULL, NULL);
}

int cglpk_guarded_intopt_from(glp_prob *P, const glp_iocp *parm, cglpk_mip_progress *progress,
                              const double start[], int *start_accepted) {
    struct intopt_args a = {P, parm, *parm, progress, start, start_accepted};
    a.parm.cb_func = on_branch_and_cut;
    a.parm.cb_info = &a;
    if (progress != NULL) memset(progress, 0, sizeof *progress);
    if (start_accepted != NULL) *start_accepted = 0;
    return guarded(call_intopt, &a);
}

struct load_args {
    glp_prob *P;
    int ne;
    const int *ia, *ja;
    const double *ar;
    int *element;
};

static int call_load_matrix(void *p) {
    struct load_args *a = p;
    // < 0: element −k has an index out of range; > 0: element k repeats an earlier one.
    int k = glp_check_dup(glp_get_num_rows(a->P), glp_get_num_cols(a->P), a->ne, a->ia, a->ja);
    if (k != 0) {
        *a->element = k < 0 ? -k : k;
        return k < 0 ? CGLPK_BAD_INDEX : CGLPK_DUPLICATE;
    }
    glp_load_matrix(a->P, a->ne, a->ia, a->ja, a->ar);
    return 0;
}

int cglpk_guarded_load_matrix(glp_prob *P, int ne, const int ia[], const int ja[],
                              const double ar[], int *element) {
    struct load_args a = {P, ne, ia, ja, ar, element};
    *element = 0;
    return guarded(call_load_matrix, &a);
}

struct add_columns_args {
    glp_prob *P;
    int count;
    const double *objective;
    const int *start, *rows;
};

static int call_add_columns(void *p) {
    struct add_columns_args *a = p;
    for (int k = 0; k < a->count; k++) {
        if (a->start[k + 1] - a->start[k] > CGLPK_COLUMN_LIMIT) return CGLPK_BAD_INDEX;
    }
    if (a->count == 0) return 0;
    int first = glp_add_cols(a->P, a->count);
    int ind[CGLPK_COLUMN_LIMIT + 1];
    double val[CGLPK_COLUMN_LIMIT + 1];
    for (int k = 0; k < a->count; k++) {
        int j = first + k, len = a->start[k + 1] - a->start[k];
        for (int e = 0; e < len; e++) {
            ind[e + 1] = a->rows[a->start[k] + e];
            val[e + 1] = 1.0;
        }
        glp_set_col_bnds(a->P, j, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(a->P, j, a->objective[k]);
        glp_set_mat_col(a->P, j, len, ind, val);
    }
    return 0;
}

int cglpk_guarded_add_unit_columns(glp_prob *P, int count, const double objective[], const int start[],
                                   const int rows[]) {
    struct add_columns_args a = {P, count, objective, start, rows};
    return guarded(call_add_columns, &a);
}

struct add_row_args {
    glp_prob *P;
    int type;
    double bound;
    int count;
    const int *columns;
};

static int call_add_row(void *p) {
    struct add_row_args *a = p;
    int i = glp_add_rows(a->P, 1);
    glp_set_row_bnds(a->P, i, a->type, a->bound, a->bound);
    if (a->count > 0) {
        int *ind = malloc(sizeof(int) * (size_t)(a->count + 1));
        double *val = malloc(sizeof(double) * (size_t)(a->count + 1));
        if (ind == NULL || val == NULL) {
            free(ind);
            free(val);
            glp_del_rows(a->P, 1, (int[]){0, i});
            return 0;
        }
        for (int e = 0; e < a->count; e++) {
            ind[e + 1] = a->columns[e];
            val[e + 1] = 1.0;
        }
        glp_set_mat_row(a->P, i, a->count, ind, val);
        free(ind);
        free(val);
    }
    return i;
}

int cglpk_guarded_add_unit_row(glp_prob *P, int type, double bound, int count, const int columns[]) {
    struct add_row_args a = {P, type, bound, count, columns};
    return guarded(call_add_row, &a);
}
