// Matrix multiply: two n x n float64 matrices, multiplied row by row
// (i-k-j order); prints the sum of the product's entries.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func newMatrix(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}

func multiply(a, b [][]float64) [][]float64 {
	n := len(a)
	c := newMatrix(n)
	for i := 0; i < n; i++ {
		ci := c[i]
		for k := 0; k < n; k++ {
			aik := a[i][k]
			bk := b[k]
			for j := 0; j < n; j++ {
				ci[j] += aik * bk[j]
			}
		}
	}
	return c
}

func main() {
	n := 200
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	a := newMatrix(n)
	b := newMatrix(n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			a[i][j] = float64((i+1)*(j+2)%17)/16 - 0.5
			b[i][j] = float64((3*i+j)%13) / 12
		}
	}
	c := multiply(a, b)
	sum := 0.0
	for _, row := range c {
		for _, x := range row {
			sum += x
		}
	}
	fmt.Printf("%.6f\n", sum)
}
