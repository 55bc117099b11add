/*
 * embed.h — a file of the source tree built into the program, so that it
 * is there without files installed beside the binary: EMBED(sym, "path")
 * gives sym[] and sym_end[] around the file's bytes (and a NUL after them,
 * so text can be read as a string). The assembler's .incbin reads the file
 * at build time, the path relative to the top of the tree, where make runs;
 * the Makefile makes the object depend on it.
 */
#ifndef KANSLI_EMBED_H
#define KANSLI_EMBED_H

#define EMBED(sym, file)                                                      \
	__asm__(".section .rodata\n.balign 16\n.globl " #sym "\n.hidden " #sym "\n" \
	        #sym ":\n.incbin \"" file "\"\n.globl " #sym "_end\n.hidden " #sym  \
	        "_end\n" #sym "_end:\n.byte 0\n.previous\n");                       \
	extern const char sym[], sym##_end[]

#endif
