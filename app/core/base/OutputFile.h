#pragma once

#include "base/InputError.h"

#include <QFile>
#include <QString>

// A file TenantDesk writes for the user: an archive or an export. It is written as <path>.part,
// created new (O_CREAT | O_EXCL | O_NOFOLLOW: never through a link someone planted, never into an
// old file) with mode 0600, and moved to path only by commit(), after fsync, so that a file under
// the final name is always whole. An existing file at path is replaced only when the user asked
// for that (Existing::Replace); otherwise it stays as it was, even one that appears meanwhile.
// Every failure throws InputError naming the file; the .part file goes with the object.
class OutputFile {
public:
    enum class Existing { Keep, Replace };

    OutputFile(QString path, Existing existing);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    const QString& path() const { return m_path; }
    // For writers that take a QIODevice (RowExportWriter); write() checks for them too.
    QIODevice& device() { return m_file; }
    void write(const QByteArray& bytes);
    // Empties the file, for a writer that starts over from the top.
    void restart();
    // Flushes, fsyncs and moves the file into place.
    void commit();

private:
    void finish();
    void moveIntoPlace();
    void abandon();

    QString m_path;
    QString m_partPath;
    Existing m_existing;
    QFile m_file;
    bool m_committed = false;
};
