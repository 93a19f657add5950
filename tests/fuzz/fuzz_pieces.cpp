// libFuzzer target: the search database's piece list (search/list.<hash>.json), which the
// worker reads from the host before any query (a deployment may be cut short or
// tampered with). Any bytes give a list or a message, never a crash; a list read is
// written and read back the same; reading through it with pieces that do not match
// their names is refused, never a crash or a read out of bounds. The bytes are also tried
// as a packed piece (unpack_any).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/db_pieces.hpp"

// The same bytes as a piece's packed file (the host's, so anything): it unpacks to exactly
// the size asked for or to nothing, and what it unpacks to packs and unpacks the same.
void unpack_any(std::string_view file) {
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, file.size(), std::size_t{4096}, std::size_t{16384}}) {
    const std::optional<std::string> bytes = logbook::unpack_piece(file, size);
    if (!bytes) continue;
    if (bytes->size() != size || logbook::unpack_piece(logbook::pack_piece(*bytes), size) != bytes) std::abort();
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  unpack_any(json);
  logbook::PieceList list;
  if (!logbook::read_piece_list(json, "list", list).empty()) return 0;
  if (!list.pieces.empty() && list.piece_start(static_cast<int>(list.pieces.size()) - 1) + list.piece_size(static_cast<int>(list.pieces.size()) - 1) != list.bytes) std::abort();
  for (int i : list.opening)
    if (i < 0 || i >= static_cast<int>(list.pieces.size())) std::abort();
  logbook::PieceList again;
  if (!logbook::read_piece_list(logbook::piece_list_json(list), "list", again).empty() || !(again == list)) std::abort();
  if (list.pieces.empty()) return 0;
  // Pieces of the right size whose bytes do not hash to their names.
  logbook::PieceFile file(list, [&list](const std::vector<std::string>& paths) {
    std::vector<std::optional<std::string>> out;
    for (std::size_t i = 0; i < paths.size(); ++i) out.emplace_back(std::string(list.piece_size(0), 'x'));
    return out;
  }, 1 << 20);
  char buffer[64];
  if (file.read(list.bytes > 32 ? list.bytes - 32 : 0, buffer, 32) && file.status() != logbook::PieceStatus::ok) std::abort();
  (void)file.prefetch(list.opening);
  return 0;
}
