#pragma once

#include <QString>

// Text for a "--" comment in SQL that TenantDesk shows or writes (plan previews, archives): one
// line, whatever it holds. PostgreSQL ends such a comment at a line feed or carriage return, so
// a name holding one would turn the rest of it into SQL; those and the other control characters
// are written as \n, \r and \xNN, and a backslash as \\, so that the text still reads unambiguously.
namespace SqlComment {
QString oneLine(const QString& text);
}
