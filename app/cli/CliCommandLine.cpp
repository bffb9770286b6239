#include "CliCommandLine.h"

CliCommandLine::CliCommandLine(const QStringList& args, const CliSyntax& syntax)
{
    if (const std::optional<int> code = CliCatalogConnection::parse(*this, args, syntax))
        throw Exit{*code};
}
