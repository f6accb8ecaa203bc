/* rk_markdown.h: text from data in the Markdown files rapkit writes.
 *
 * Every Markdown writer (ds:write("x.md"), a chart's NAME.md, the impact
 * matrix's tables and summaries, a pack's statements.md) puts text that
 * came from data or a script through this one rule, so that a label reads
 * as itself in GitHub-flavoured Markdown and can neither split a table
 * cell, end a line, nor inject HTML:
 *
 *     \            -> \\      (else it would escape what follows)
 *     |            -> \|      (else it ends a table cell)
 *     <  >         -> &lt; &gt;   (no HTML tag can form)
 *     LF CR tab    -> a space (else a line break ends the row or paragraph)
 *     other control characters -> \xHH
 *
 * Every other byte, UTF-8 included, is kept. Other Markdown syntax in the
 * text (`*`, `_`, `[`) is left alone: it can change emphasis, not structure.
 */
#ifndef RK_MARKDOWN_H
#define RK_MARKDOWN_H

#include <stddef.h>
#include <stdio.h>

#define RK_MD_ESCAPE_MAX 4 /* the longest escape of one byte ("&lt;", "\x01") */

/* The escape of byte c into out, returning its length; 0 when c is kept
 * as it is (out is then untouched). */
size_t rk_md_escape_byte(unsigned char c, char out[RK_MD_ESCAPE_MAX]);

/* s[0..len) escaped into dst, which has room for the returned length;
 * with dst NULL it only measures. */
size_t rk_md_escape(char *dst, const char *s, size_t len);

/* Writes s escaped to fp; NULL writes nothing. Errors stay on the stream. */
void rk_md_put(FILE *fp, const char *s);

#endif
