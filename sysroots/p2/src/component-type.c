/*
 * The component-type custom section of libc: the encoded WIT world
 * `wasi-sysroots:libc/imports` (sysroots/p2/wit), which tells the component
 * tooling the types of everything libc imports from Preview 2. The bytes are
 * produced at build time by tools/component-type.mjs with a real WIT encoder.
 *
 * C has no way to place data in a wasm custom section (section attributes make
 * data segments), so the bytes go through the assembler.
 *
 * The socket code references the anchor below, so every program that uses
 * sockets links this object and carries the section; programs without
 * sockets do not.
 */
__asm__(".section \".custom_section.component-type:wasi-sysroots-libc\",\"\",@\n"
#include "component-type.inc"
        ".text\n");

void __wasi_sysroots_component_type_anchor(void) {}
