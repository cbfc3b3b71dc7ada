package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n := 100000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func(v int) { ch <- v }(i)
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	fmt.Println(sum)
}
