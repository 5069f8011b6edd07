#ifndef BNSIM_CZLIB_SHIM_H
#define BNSIM_CZLIB_SHIM_H
// zlib's inflate, for gzip'd data files (.gz). inflateInit2 is a macro, so it gets a function here.
#include <zlib.h>

static inline int bnsim_inflate_init_gzip(z_stream *stream) {
    // 16 + MAX_WBITS: a gzip header and trailer around the deflate stream.
    return inflateInit2(stream, 16 + MAX_WBITS);
}
#endif
