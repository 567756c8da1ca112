// SplitMix64: a tiny seeded generator whose sequence is the same on every platform and library.
#pragma once

#include <cstdint>
#include <utility>

namespace twb {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() { return mix(state_ += kGolden); }

  // The generator's output function: a well-mixed hash of one 64-bit value. Also a
  // counter-based generator on its own (mix(seed + kGolden * i) is draw i), which parallel
  // code uses to draw element i without a shared state (models/Dropout).
  static constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound) without modulo bias (rejection sampling); bound > 0.
  std::uint64_t below(std::uint64_t bound) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t value = next();
    while (value >= limit) value = next();
    return value % bound;
  }

  // Fisher-Yates shuffle of any random-access container.
  template <typename Container>
  void shuffle(Container& items) {
    for (auto i = items.size(); i > 1; --i) {
      const auto j = static_cast<decltype(i)>(below(static_cast<std::uint64_t>(i)));
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::uint64_t state_;
};

}  // namespace twb
