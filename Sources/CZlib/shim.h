#pragma once
#define _FILE_OFFSET_BITS 64
#include <zlib.h>
