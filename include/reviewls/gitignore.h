// SPDX-License-Identifier: MIT
// .gitignore patterns for directory walks (`check`/`review` of a directory, the server's
// workspace scan). A subset of git's rules: blank lines and '#' comments, '!' negation, a
// trailing '/' for directories only, a '/' at the start or inside anchoring the pattern to the
// .gitignore's directory (otherwise it matches a name at any depth), '*', '?', "[a-z]" and
// "**" as in git. Deeper .gitignore files win over shallower ones, and later lines over
// earlier ones. Not supported: .git/info/exclude, core.excludesFile, and re-including a file
// whose directory is ignored (git does not either).
#pragma once

#include <stdbool.h>
#include <stddef.h>

/** A stack of .gitignore files, one entry per directory of the walk. */
struct rv_gitignore;

/** Returns an empty stack (caller destroys). */
struct rv_gitignore *rv_gitignore_create(void);
/** Frees the stack; accepts NULL. */
void rv_gitignore_destroy(struct rv_gitignore *gi);

/**
 * Reads `dir`/.gitignore, if there is one, and pushes its patterns for the paths below `dir`
 * ("dir/..." as the walk joins them; "." means relative paths). Always pushes an entry, empty
 * when there is no file, so that every push has its pop.
 */
void rv_gitignore_push(struct rv_gitignore *gi, const char *dir);
/** Pushes patterns from `text` as if it were `dir`/.gitignore (for tests). */
void rv_gitignore_push_text(struct rv_gitignore *gi, const char *dir, const char *text, size_t len);
/**
 * Pushes the .gitignore files of the directories above `dir`, up to the top of the git
 * repository that holds it (the nearest ancestor with a .git entry); their patterns apply to
 * paths below `dir` in the walk's form. Pushes nothing outside a repository. Returns how many
 * entries were pushed (pop each).
 */
size_t rv_gitignore_push_ancestors(struct rv_gitignore *gi, const char *dir);
/** Removes the newest entry. */
void rv_gitignore_pop(struct rv_gitignore *gi);

/** True when `path` (below the pushed directories, joined the same way) is ignored. */
bool rv_gitignore_ignored(const struct rv_gitignore *gi, const char *path, bool is_dir);
