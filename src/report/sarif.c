// SPDX-License-Identifier: MIT
// SARIF 2.1.0 output: one run whose driver lists the whole catalogue, one result per finding,
// and fixes where a finding carries a concrete replacement. Builds JSON only; the CLI prints.
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *level_of(enum rv_severity sev) {
    switch (sev) {
    case RV_SEVERITY_ERROR:
        return "error";
    case RV_SEVERITY_WARNING:
        return "warning";
    case RV_SEVERITY_INFORMATION:
    case RV_SEVERITY_HINT:
        return "note";
    }
    return "warning";
}

static json_t *text_object(const char *s) {
    json_t *obj = json_object();
    json_object_set_new(obj, "text", rv_report__json_string(s));
    return obj;
}

// A relative URI reference: RFC 3986 unreserved characters and '/' stay, the rest is
// percent-encoded byte by byte. Absolute paths become file:// URIs.
static json_t *artifact_location(const char *path) {
    struct rv_strbuf sb = {0};
    const char *p = rv_report__relative(path, NULL);
    if (p[0] == '/') {
        rv_strbuf_puts(&sb, "file://");
    }
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("-._~/", c)) {
            rv_strbuf_putc(&sb, (char)c);
        } else {
            rv_strbuf_printf(&sb, "%%%02X", c);
        }
    }
    json_t *loc = json_object();
    json_object_set_new(loc, "uri", json_string(sb.data ? sb.data : ""));
    rv_strbuf_finish(&sb);
    return loc;
}

// Lines and columns are 1-based; endColumn points after the last character (exclusive), as
// SARIF's regions do.
static json_t *region(const struct rv_text *text, uint32_t start, uint32_t end) {
    struct rv_lsp_pos s = rv_text_pos_of(text, start, RV_ENC_UTF32);
    struct rv_lsp_pos e = rv_text_pos_of(text, end, RV_ENC_UTF32);
    json_t *r = json_object();
    json_object_set_new(r, "startLine", json_integer(s.line + 1));
    json_object_set_new(r, "startColumn", json_integer(s.character + 1));
    json_object_set_new(r, "endLine", json_integer(e.line + 1));
    json_object_set_new(r, "endColumn", json_integer(e.character + 1));
    return r;
}

static json_t *rule_descriptor(const struct rv_rule_info *r) {
    json_t *d = json_object();
    json_object_set_new(d, "id", json_string(r->code_str));
    json_object_set_new(d, "name", json_string(r->name));
    json_object_set_new(d, "shortDescription", text_object(r->summary));
    json_object_set_new(d, "fullDescription", text_object(r->rationale));
    char *help = rv_xasprintf("%s\n\nBad:\n%s\nGood:\n%s", r->rationale, r->bad, r->good);
    json_object_set_new(d, "help", text_object(help));
    free(help);
    json_t *cfg = json_object();
    json_object_set_new(cfg, "level", json_string(level_of(r->severity)));
    json_object_set_new(d, "defaultConfiguration", cfg);
    json_t *props = json_object();
    json_t *tags = json_array();
    json_array_append_new(tags, json_string(rv_category_name(r->category)));
    json_object_set_new(props, "tags", tags);
    if (r->bandit) {
        json_object_set_new(props, "bandit", json_string(r->bandit));
    }
    json_object_set_new(d, "properties", props);
    return d;
}

static json_t *fix_of(const struct rv_report_file *file, const struct rv_finding *f) {
    const char *what = NULL;
    switch (f->fix) {
    case RV_FIX_RENAME:
        what = "Rename to";
        break;
    case RV_FIX_REPLACE:
        what = "Replace with";
        break;
    case RV_FIX_NONE:
    case RV_FIX_DOCSTRING:
    case RV_FIX_RETURN_NONE:
    case RV_FIX_ANNOTATE_DEFAULT:
    case RV_FIX_REINDENT:
        // These need the tree to build; the language server offers them as code actions.
        return NULL;
    }
    if (f->replacement == NULL || (f->fix == RV_FIX_RENAME && f->replacement[0] == '\0')) {
        return NULL;
    }
    char *desc = f->fix == RV_FIX_RENAME
                     ? rv_xasprintf("%s `%s` (this occurrence; rename its references too)", what,
                                    f->replacement)
                 : f->replacement[0] ? rv_xasprintf("%s `%s`", what, f->replacement)
                                     : rv_xstrdup("Remove it");
    json_t *repl = json_object();
    json_object_set_new(repl, "deletedRegion", region(file->text, f->start_byte, f->end_byte));
    json_object_set_new(repl, "insertedContent", text_object(f->replacement));
    json_t *repls = json_array();
    json_array_append_new(repls, repl);
    json_t *change = json_object();
    json_object_set_new(change, "artifactLocation", artifact_location(file->path));
    json_object_set_new(change, "replacements", repls);
    json_t *changes = json_array();
    json_array_append_new(changes, change);
    json_t *fix = json_object();
    json_object_set_new(fix, "description", text_object(desc));
    json_object_set_new(fix, "artifactChanges", changes);
    free(desc);
    json_t *fixes = json_array();
    json_array_append_new(fixes, fix);
    return fixes;
}

json_t *rv_report_sarif(const struct rv_report_file *files, size_t n, const char *version) {
    json_t *rules = json_array();
    for (size_t i = 0; i < rv_rules_count; i++) {
        json_array_append_new(rules, rule_descriptor(&rv_rules[i]));
    }
    json_t *results = json_array();
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; files[i].findings && j < files[i].findings->list.len; j++) {
            const struct rv_finding *f = &files[i].findings->list.items[j];
            const struct rv_rule_info *rule = rv_rule_by_code(f->code);
            if (rule == NULL) {
                continue;
            }
            json_t *res = json_object();
            json_object_set_new(res, "ruleId", json_string(rule->code_str));
            json_object_set_new(res, "ruleIndex", json_integer((json_int_t)(rule - rv_rules)));
            json_object_set_new(res, "level",
                                json_string(level_of(f->severity ? f->severity : rule->severity)));
            json_object_set_new(res, "message", text_object(f->message));
            json_t *phys = json_object();
            json_object_set_new(phys, "artifactLocation", artifact_location(files[i].path));
            json_object_set_new(phys, "region", region(files[i].text, f->start_byte, f->end_byte));
            json_t *loc = json_object();
            json_object_set_new(loc, "physicalLocation", phys);
            json_t *locs = json_array();
            json_array_append_new(locs, loc);
            json_object_set_new(res, "locations", locs);
            json_t *fixes = fix_of(&files[i], f);
            if (fixes) {
                json_object_set_new(res, "fixes", fixes);
            }
            json_array_append_new(results, res);
        }
    }
    json_t *driver = json_object();
    json_object_set_new(driver, "name", json_string("reviewls"));
    json_object_set_new(driver, "version", json_string(version ? version : "0"));
    json_object_set_new(driver, "rules", rules);
    json_t *tool = json_object();
    json_object_set_new(tool, "driver", driver);
    json_t *run = json_object();
    json_object_set_new(run, "tool", tool);
    // SARIF's default is UTF-16 code units; ours are code points.
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_object_set_new(run, "results", results);
    json_t *runs = json_array();
    json_array_append_new(runs, run);
    json_t *log = json_object();
    json_object_set_new(log, "$schema", json_string(SARIF_SCHEMA));
    json_object_set_new(log, "version", json_string("2.1.0"));
    json_object_set_new(log, "runs", runs);
    return log;
}
