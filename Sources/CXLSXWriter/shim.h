// Debian's libxlsxwriter-dev (libxlsxwriter 1.1.x): writes .xlsx workbooks.
#include <xlsxwriter.h>
// zlib, which libxlsxwriter links already: its crc32 checks the parts the workbook reader
// unpacks (ZIPFoundation's own checksum loop took a tenth of a city roll's read time).
#include <zlib.h>
