#pragma once
// What an uploaded scan is, by its first bytes (the magic numbers), never by
// the name or the Content-Type the client sent (issue 13, item 5). Pure, no
// I/O: the upload fuzz target links this file alone.

#include <string>
#include <string_view>

namespace yc::cases {

// "image/jpeg", "image/png" or "application/pdf" when `bytes` starts with that
// type's magic number; "" for anything else (ZIP, gzip, HTML, SVG, GIF,
// executables, text, an empty body). A non-empty answer always means the
// magic number is there.
std::string sniff(std::string_view bytes);

}  // namespace yc::cases
