// Go's pattern-defeating quicksort (sort/zsortinterface.go in Go), as a
// template over D, which provides less(i, j) and swap(i, j). Natives that
// sort in C++ use it so that their results, even the order of elements
// that compare equal, are Go's (and sort.vo's, which is the same
// algorithm in Vo).
#pragma once
#include <cstdint>
#include <utility>

namespace vo::stdlib {

template <typename D>
struct Pdq {
  D& d;

  void insertion_sort(int64_t a, int64_t b) {
    for (int64_t i = a + 1; i < b; i++)
      for (int64_t j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
  }

  void sift_down(int64_t lo, int64_t hi, int64_t first) {
    int64_t root = lo;
    for (;;) {
      int64_t child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
      if (!d.less(first + root, first + child)) return;
      d.swap(first + root, first + child);
      root = child;
    }
  }

  void heap_sort(int64_t a, int64_t b) {
    int64_t first = a, lo = 0, hi = b - a;
    for (int64_t i = (hi - 1) / 2; i >= 0; i--) sift_down(i, hi, first);
    for (int64_t i = hi - 1; i >= 0; i--) {
      d.swap(first, first + i);
      sift_down(lo, i, first);
    }
  }

  enum Hint { kUnknown, kIncreasing, kDecreasing };

  void sort(int64_t a, int64_t b, int limit) {
    constexpr int64_t kMaxInsertion = 12;
    bool was_balanced = true, was_partitioned = true;
    for (;;) {
      int64_t length = b - a;
      if (length <= kMaxInsertion) {
        insertion_sort(a, b);
        return;
      }
      if (limit == 0) {
        heap_sort(a, b);
        return;
      }
      if (!was_balanced) {
        break_patterns(a, b);
        limit--;
      }
      Hint hint;
      int64_t pivot = choose_pivot(a, b, &hint);
      if (hint == kDecreasing) {
        reverse_range(a, b);
        pivot = (b - 1) - (pivot - a);
        hint = kIncreasing;
      }
      if (was_balanced && was_partitioned && hint == kIncreasing) {
        if (partial_insertion_sort(a, b)) return;
      }
      if (a > 0 && !d.less(a - 1, pivot)) {
        a = partition_equal(a, b, pivot);
        continue;
      }
      bool already;
      int64_t mid = partition(a, b, pivot, &already);
      was_partitioned = already;
      int64_t left = mid - a, right = b - mid;
      int64_t balance = length / 8;
      if (left < right) {
        was_balanced = left >= balance;
        sort(a, mid, limit);
        a = mid + 1;
      } else {
        was_balanced = right >= balance;
        sort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  int64_t partition(int64_t a, int64_t b, int64_t pivot, bool* already) {
    d.swap(a, pivot);
    int64_t i = a + 1, j = b - 1;
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) {
      d.swap(j, a);
      *already = true;
      return j;
    }
    d.swap(i, j);
    i++;
    j--;
    for (;;) {
      while (i <= j && d.less(i, a)) i++;
      while (i <= j && !d.less(j, a)) j--;
      if (i > j) break;
      d.swap(i, j);
      i++;
      j--;
    }
    d.swap(j, a);
    *already = false;
    return j;
  }

  int64_t partition_equal(int64_t a, int64_t b, int64_t pivot) {
    d.swap(a, pivot);
    int64_t i = a + 1, j = b - 1;
    for (;;) {
      while (i <= j && !d.less(a, i)) i++;
      while (i <= j && d.less(a, j)) j--;
      if (i > j) break;
      d.swap(i, j);
      i++;
      j--;
    }
    return i;
  }

  bool partial_insertion_sort(int64_t a, int64_t b) {
    constexpr int kMaxSteps = 5;
    constexpr int64_t kShortestShifting = 50;
    int64_t i = a + 1;
    for (int step = 0; step < kMaxSteps; step++) {
      while (i < b && !d.less(i, i - 1)) i++;
      if (i == b) return true;
      if (b - a < kShortestShifting) return false;
      d.swap(i, i - 1);
      if (i - a >= 2) {
        for (int64_t j = i - 1; j >= 1; j--) {
          if (!d.less(j, j - 1)) break;
          d.swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (int64_t j = i + 1; j < b; j++) {
          if (!d.less(j, j - 1)) break;
          d.swap(j, j - 1);
        }
      }
    }
    return false;
  }

  static int bit_len(uint64_t x) { return x == 0 ? 0 : 64 - __builtin_clzll(x); }

  void break_patterns(int64_t a, int64_t b) {
    int64_t length = b - a;
    if (length >= 8) {
      uint64_t random = static_cast<uint64_t>(length);
      uint64_t modulus = uint64_t(1) << bit_len(static_cast<uint64_t>(length));
      for (int64_t idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
        random ^= random << 13;
        random ^= random >> 17;
        random ^= random << 5;
        int64_t other = static_cast<int64_t>(random & (modulus - 1));
        if (other >= length) other -= length;
        d.swap(idx, a + other);
      }
    }
  }

  int64_t choose_pivot(int64_t a, int64_t b, Hint* hint) {
    constexpr int64_t kShortestNinther = 50;
    constexpr int kMaxSwaps = 4 * 3;
    int64_t l = b - a;
    int swaps = 0;
    int64_t i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
    if (l >= 8) {
      if (l >= kShortestNinther) {
        i = median(i - 1, i, i + 1, &swaps);
        j = median(j - 1, j, j + 1, &swaps);
        k = median(k - 1, k, k + 1, &swaps);
      }
      j = median(i, j, k, &swaps);
    }
    *hint = swaps == 0 ? kIncreasing : swaps == kMaxSwaps ? kDecreasing : kUnknown;
    return j;
  }

  void order2(int64_t* a, int64_t* b, int* swaps) {
    if (d.less(*b, *a)) {
      ++*swaps;
      std::swap(*a, *b);
    }
  }

  int64_t median(int64_t a, int64_t b, int64_t c, int* swaps) {
    order2(&a, &b, swaps);
    order2(&b, &c, swaps);
    order2(&a, &b, swaps);
    return b;
  }

  void reverse_range(int64_t a, int64_t b) {
    for (int64_t i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
  }
};

template <typename D>
void pdqsort(D& d, int64_t n) {
  if (n <= 1) return;
  Pdq<D>{d}.sort(0, n, Pdq<D>::bit_len(static_cast<uint64_t>(n)));
}

}  // namespace vo::stdlib
