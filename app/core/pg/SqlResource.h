#pragma once

#include <QString>

// SQL kept as resource files (resources/sql/...), one per purpose, with $n parameters.
namespace SqlResource {
// The text of :/sql/<path>. A missing file is a build defect, so it aborts loudly.
QString text(const QString& path);
} // namespace SqlResource
