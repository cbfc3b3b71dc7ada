// RTypes for runtime unit tests, built by hand the way the compiler would.
#pragma once
#include "runtime/value.h"

namespace vo::rt::testing {

inline RType scalar_type(Kind k, const char* name) {
  RType t;
  t.kind = k;
  t.name = name;
  t.layout = {SlotKind::Scalar};
  t.elem_size = (k == Kind::Bool || k == Kind::Int8 || k == Kind::Uint8) ? 1 : 8;
  return t;
}

inline RType ref_type(Kind k, const char* name, const RType* elem = nullptr) {
  RType t;
  t.kind = k;
  t.name = name;
  t.elem = elem;
  t.layout = {SlotKind::Ref};
  t.data_is_ref = true;
  return t;
}

struct TestTypes {
  RType int_t = scalar_type(Kind::Int, "int");
  RType int64_t_ = scalar_type(Kind::Int64, "int64");
  RType uint8_t_ = scalar_type(Kind::Uint8, "uint8");
  RType bool_t = scalar_type(Kind::Bool, "bool");
  RType f64_t = scalar_type(Kind::Float64, "float64");
  RType f32_t = scalar_type(Kind::Float32, "float32");
  RType string_t;
  RType any_t;
  RType struct_t;   // struct { a int; s string }
  RType bytes_t;    // []byte
  RType ints_t;     // []int (uncomparable)
  RType array_t;    // [3]int
  RType barray_t;   // [3]byte (packed)
  RType ptr_t;
  RType map_t;
  RType island_t;

  TestTypes() {
    string_t.kind = Kind::String;
    string_t.name = "string";
    string_t.slots = 2;
    string_t.elem_size = 16;
    string_t.layout = {SlotKind::Ref, SlotKind::Scalar};
    string_t.boxed = string_t.data_is_ref = true;

    any_t.kind = Kind::Interface;
    any_t.name = "interface {}";
    any_t.slots = 2;
    any_t.elem_size = 16;
    any_t.layout = {SlotKind::IfaceType, SlotKind::IfaceData};
    any_t.boxed = any_t.data_is_ref = true;

    struct_t.kind = Kind::Struct;
    struct_t.name = "main.S";
    struct_t.slots = 3;
    struct_t.elem_size = 24;
    struct_t.layout = {SlotKind::Scalar, SlotKind::Ref, SlotKind::Scalar};
    struct_t.fields = {RField{"a", &int_t, 0}, RField{"s", &string_t, 1}};
    struct_t.boxed = struct_t.data_is_ref = true;

    bytes_t.kind = Kind::Slice;
    bytes_t.name = "[]uint8";
    bytes_t.elem = &uint8_t_;
    bytes_t.slots = 3;
    bytes_t.elem_size = 24;
    bytes_t.layout = {SlotKind::Ref, SlotKind::Scalar, SlotKind::Scalar};
    bytes_t.boxed = bytes_t.data_is_ref = true;
    bytes_t.comparable = false;
    ints_t = bytes_t;
    ints_t.name = "[]int";
    ints_t.elem = &int_t;

    array_t.kind = Kind::Array;
    array_t.name = "[3]int";
    array_t.elem = &int_t;
    array_t.len = 3;
    array_t.slots = 3;
    array_t.elem_size = 24;
    array_t.layout = {SlotKind::Scalar, SlotKind::Scalar, SlotKind::Scalar};
    array_t.boxed = array_t.data_is_ref = true;

    barray_t.kind = Kind::Array;
    barray_t.name = "[3]uint8";
    barray_t.elem = &uint8_t_;
    barray_t.len = 3;
    barray_t.slots = 1;
    barray_t.layout = {SlotKind::Scalar};

    ptr_t = ref_type(Kind::Pointer, "*main.S", &struct_t);
    map_t = ref_type(Kind::Map, "map[int]int", &int_t);
    map_t.key = &int_t;
    map_t.comparable = false;
    island_t = ref_type(Kind::Island, "island");
    // RType::type must point at the RType itself; copies (including the
    // returns above) carry the original's address.
    for (RType* t : {&int_t, &int64_t_, &uint8_t_, &bool_t, &f64_t, &f32_t, &string_t, &any_t, &struct_t,
                     &bytes_t, &ints_t, &array_t, &barray_t, &ptr_t, &map_t, &island_t})
      t->type = t;
  }
  // RType's `type` member points at itself; copies must be re-pointed.
  TestTypes(const TestTypes&) = delete;
};

}  // namespace vo::rt::testing
