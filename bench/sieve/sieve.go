// Sieve of Eratosthenes: count the primes below 1,000,000, n times over.
package main

import (
	"fmt"
	"os"
	"strconv"
)

const limit = 1000000

func countPrimes() int {
	composite := make([]bool, limit)
	count := 0
	for i := 2; i < limit; i++ {
		if !composite[i] {
			count++
			for j := i * i; j < limit; j += i {
				composite[j] = true
			}
		}
	}
	return count
}

func main() {
	n := 6
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	total := 0
	for r := 0; r < n; r++ {
		total += countPrimes()
	}
	fmt.Println(total)
}
