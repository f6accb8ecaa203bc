/* The one rule for text from data in Markdown (rk_markdown.h). */
#include "rk_markdown.h"

#include <string.h>

size_t rk_md_escape_byte(unsigned char c, char out[RK_MD_ESCAPE_MAX])
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '\\': memcpy(out, "\\\\", 2); return 2;
    case '|': memcpy(out, "\\|", 2); return 2;
    case '<': memcpy(out, "&lt;", 4); return 4;
    case '>': memcpy(out, "&gt;", 4); return 4;
    case '\n':
    case '\r':
    case '\t': out[0] = ' '; return 1;
    default: break;
    }
    if (c < 0x20 || c == 0x7f) {
        out[0] = '\\';
        out[1] = 'x';
        out[2] = hex[c >> 4];
        out[3] = hex[c & 15];
        return 4;
    }
    return 0;
}

size_t rk_md_escape(char *dst, const char *s, size_t len)
{
    size_t n = 0;
    char esc[RK_MD_ESCAPE_MAX];
    for (size_t i = 0; i < len; i++) {
        size_t k = rk_md_escape_byte((unsigned char)s[i], esc);
        if (dst) {
            if (k)
                memcpy(dst + n, esc, k);
            else
                dst[n] = s[i];
        }
        n += k ? k : 1;
    }
    return n;
}

void rk_md_put(FILE *fp, const char *s)
{
    char esc[RK_MD_ESCAPE_MAX];
    for (; s && *s; s++) {
        size_t k = rk_md_escape_byte((unsigned char)*s, esc);
        if (k)
            fwrite(esc, 1, k, fp);
        else
            fputc(*s, fp);
    }
}
