#include "pg/PasswordFile.h"

#include <QFile>
#include <QRandomGenerator>
#include <stdexcept>

static QString escapeField(QString field) {
    return field.replace(u'\\', QLatin1String("\\\\")).replace(u':', QLatin1String("\\:"));
}

void PasswordFile::add(const QString& host, int port, const QString& user, const QString& password) {
    m_lines << QStringList{escapeField(host), QString::number(port), QStringLiteral("*"), escapeField(user),
                           escapeField(password)}
                   .join(u':');
}

void PasswordFile::write(const QString& path) const {
    QFile::remove(path);
    QFile file(path);
    // Created 0600 in one step: the file is never readable by others, not even for a moment.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write((m_lines.join(u'\n') + u'\n').toUtf8()) < 0 || !file.flush())
        throw std::runtime_error(QStringLiteral("cannot write the password file %1: %2")
                                     .arg(path, file.errorString())
                                     .toStdString());
}

QString PasswordFile::randomPassword() {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString password;
    for (int i = 0; i < 24; ++i)
        password += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet - 1))]);
    return password;
}
