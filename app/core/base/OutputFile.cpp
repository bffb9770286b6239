#include "base/OutputFile.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

// Also a dangling symbolic link: a name that is taken.
bool taken(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

InputError alreadyThere(const QString& path)
{
    return InputError(QStringLiteral("%1 exists already: it was not replaced, and nothing was written.")
                          .arg(QDir::toNativeSeparators(path)));
}

#ifdef Q_OS_UNIX
QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
#endif

} // namespace

OutputFile::OutputFile(QString path, Existing existing)
    : m_path(std::move(path))
    , m_partPath(m_path + QStringLiteral(".part"))
    , m_existing(existing)
{
    // Checked first so that a long dump is not made in vain; commit() checks again, atomically.
    if (m_existing == Existing::Keep && taken(m_path))
        throw alreadyThere(m_path);
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(m_partPath).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    const bool opened = fd >= 0 && m_file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle);
    const QString error = fd < 0 ? systemError() : m_file.errorString();
    if (fd >= 0 && !opened)
        ::close(fd);
#else
    m_file.setFileName(m_partPath);
    const bool opened = m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                                    QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString error = m_file.errorString();
#endif
    if (!opened) {
        // Not ours to remove: a file or link that was there before (an interrupted run's, or planted).
        throw InputError(QStringLiteral("Cannot create %1 (%2): it must not exist yet; nothing was written. If an "
                                        "earlier run was interrupted and left it, remove it and try again.")
                             .arg(QDir::toNativeSeparators(m_partPath), error));
    }
}

OutputFile::~OutputFile()
{
    if (!m_committed)
        abandon();
}

void OutputFile::abandon()
{
    m_file.close();
    QFile::remove(m_partPath);
}

void OutputFile::write(const QByteArray& bytes)
{
    if (m_file.write(bytes) != bytes.size())
        throw InputError(
            QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_partPath), m_file.errorString()));
}

void OutputFile::restart()
{
    if (!m_file.seek(0) || !m_file.resize(0))
        throw InputError(
            QStringLiteral("Cannot empty %1: %2").arg(QDir::toNativeSeparators(m_partPath), m_file.errorString()));
}

void OutputFile::commit()
{
    try {
        finish();
    } catch (...) {
        abandon();
        throw;
    }
    m_committed = true;
}

void OutputFile::finish()
{
    bool written = m_file.flush();
#ifdef Q_OS_UNIX
    written = written && ::fsync(m_file.handle()) == 0;
#endif
    const QString error = m_file.errorString();
    m_file.close();
    if (!written)
        throw InputError(QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_partPath), error));
    moveIntoPlace();
}

void OutputFile::moveIntoPlace()
{
    const QString target = QDir::toNativeSeparators(m_path);
#ifdef Q_OS_UNIX
    const QByteArray part = QFile::encodeName(m_partPath);
    const QByteArray path = QFile::encodeName(m_path);
    bool moved = false;
    if (m_existing == Existing::Replace) {
        // rename() replaces the name itself: a link at path is replaced, never followed.
        moved = ::rename(part.constData(), path.constData()) == 0;
    } else {
        // link() fails when path exists, whatever it is: nothing that appeared meanwhile is replaced.
        moved = ::link(part.constData(), path.constData()) == 0;
#ifdef Q_OS_LINUX
        // File systems without hard links (FAT): the same guarantee from the kernel.
        if (!moved && errno != EEXIST)
            moved = ::renameat2(AT_FDCWD, part.constData(), AT_FDCWD, path.constData(), RENAME_NOREPLACE) == 0;
#endif
        if (moved)
            ::unlink(part.constData());
    }
    if (!moved) {
        if (errno == EEXIST)
            throw alreadyThere(m_path);
        throw InputError(
            QStringLiteral("Cannot move the finished file into place at %1: %2").arg(target, systemError()));
    }
    // The new directory entry survives a crash too.
    const int dir = ::open(QFile::encodeName(QFileInfo(m_path).absolutePath()).constData(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
#else
    if (m_existing == Existing::Replace && taken(m_path) && !QFile::remove(m_path))
        throw InputError(QStringLiteral("Cannot replace %1.").arg(target));
    // QFile::rename never replaces an existing file.
    if (!QFile::rename(m_partPath, m_path)) {
        if (taken(m_path))
            throw alreadyThere(m_path);
        throw InputError(QStringLiteral("Cannot move the finished file into place at %1.").arg(target));
    }
#endif
}
