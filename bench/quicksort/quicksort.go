// Quicksort: sort n pseudo-random ints (Park-Miller generator) with a
// recursive Hoare-partition quicksort; print the smallest, median and largest.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func quicksort(a []int, lo, hi int) {
	if lo >= hi {
		return
	}
	pivot := a[lo+(hi-lo)/2]
	i, j := lo, hi
	for i <= j {
		for a[i] < pivot {
			i++
		}
		for a[j] > pivot {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	quicksort(a, lo, j)
	quicksort(a, i, hi)
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	a := make([]int, n)
	seed := 42
	for i := range a {
		seed = seed * 16807 % 2147483647
		a[i] = seed
	}
	quicksort(a, 0, n-1)
	for i := 1; i < n; i++ {
		if a[i-1] > a[i] {
			fmt.Println("not sorted at", i)
			return
		}
	}
	fmt.Println(a[0], a[n/2], a[n-1])
}
