#include "pg/PasswordFile.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <stdexcept>

static QString escapeField(QString field)
{
    return field.replace(u'\\', QLatin1String("\\\\")).replace(u':', QLatin1String("\\:"));
}

void PasswordFile::add(const QString& host, int port, const QString& user, const QString& password)
{
    m_lines << QStringList{escapeField(host), QString::number(port), QStringLiteral("*"), escapeField(user),
                           escapeField(password)}
                   .join(u':');
}

void PasswordFile::write(const QString& path) const
{
    QFile::remove(path);
    QFile file(path);
    // Created 0600 in one step: the file is never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write((m_lines.join(u'\n') + u'\n').toUtf8()) < 0 || !file.flush())
        throw std::runtime_error(
            QStringLiteral("cannot write the password file %1: %2").arg(path, file.errorString()).toStdString());
}

// A passfile line's fields, with its backslash escapes undone.
static QStringList splitLine(const QString& line)
{
    QStringList fields{QString()};
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\' && i + 1 < line.size())
            fields.last() += line.at(++i);
        else if (c == u':')
            fields.append(QString());
        else
            fields.last() += c;
    }
    return fields;
}

bool PasswordFile::covers(const QString& path, const QString& host, int port, const QString& database,
                          const QString& user)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    const QStringList wanted{host, QString::number(port), database, user};
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).remove(u'\n').remove(u'\r');
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList fields = splitLine(line);
        if (fields.size() < 5)
            continue;
        bool match = true;
        for (int i = 0; i < 4 && match; ++i)
            match = fields[i] == QLatin1String("*") || fields[i] == wanted[i];
        if (match)
            return true;
    }
    return false;
}

QString PasswordFile::pathFor(const QString& passfile)
{
    if (!passfile.isEmpty())
        return passfile;
    if (const QString fromEnvironment = qEnvironmentVariable("PGPASSFILE"); !fromEnvironment.isEmpty())
        return fromEnvironment;
#ifdef Q_OS_WIN
    return QDir(qEnvironmentVariable("APPDATA")).filePath(QStringLiteral("postgresql/pgpass.conf"));
#else
    return QDir::home().filePath(QStringLiteral(".pgpass"));
#endif
}

QString PasswordFile::randomPassword()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString password;
    for (int i = 0; i < 24; ++i)
        password += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet - 1))]);
    return password;
}
