#ifndef GRASSROOTS_CLMDB_SHIM_H
#define GRASSROOTS_CLMDB_SHIM_H
#include <lmdb.h>
#endif
