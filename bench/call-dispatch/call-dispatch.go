// Call dispatch: n calls in each of four phases: one closure (monomorphic),
// four closures in turn (4-way polymorphic), one interface implementation,
// and four interface implementations in turn. Prints each phase's sum.
package main

import (
	"fmt"
	"os"
	"strconv"
)

type Op interface {
	Apply(x int) int
}

type Add struct{ k int }
type Sub struct{ k int }
type Scale struct{ k int }
type Rev struct{ k int }

func (o *Add) Apply(x int) int   { return x + o.k }
func (o *Sub) Apply(x int) int   { return x - o.k }
func (o *Scale) Apply(x int) int { return x * o.k }
func (o *Rev) Apply(x int) int   { return o.k - x }

func makeAdd(k int) func(int) int   { return func(x int) int { return x + k } }
func makeSub(k int) func(int) int   { return func(x int) int { return x - k } }
func makeScale(k int) func(int) int { return func(x int) int { return x * k } }
func makeRev(k int) func(int) int   { return func(x int) int { return k - x } }

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}

	f := makeAdd(3)
	sum := 0
	for i := 0; i < n; i++ {
		sum += f(i % 1000)
	}
	fmt.Println("closure mono:", sum)

	fs := []func(int) int{makeAdd(3), makeSub(5), makeScale(2), makeRev(7)}
	sum = 0
	for i := 0; i < n; i++ {
		sum += fs[i%4](i % 1000)
	}
	fmt.Println("closure poly4:", sum)

	var op Op = &Add{3}
	sum = 0
	for i := 0; i < n; i++ {
		sum += op.Apply(i % 1000)
	}
	fmt.Println("interface mono:", sum)

	ops := []Op{&Add{3}, &Sub{5}, &Scale{2}, &Rev{7}}
	sum = 0
	for i := 0; i < n; i++ {
		sum += ops[i%4].Apply(i % 1000)
	}
	fmt.Println("interface poly4:", sum)
}
