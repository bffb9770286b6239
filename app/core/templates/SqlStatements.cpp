#include "templates/SqlStatements.h"

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

class Splitter {
public:
    explicit Splitter(const QString& script)
        : s(script)
    {
    }

    QStringList run()
    {
        QStringList statements;
        while (skipBetweenStatements()) {
            const qsizetype start = i;
            readStatement();
            const QString statement = s.mid(start, i - start).trimmed();
            if (!statement.isEmpty())
                statements << statement;
        }
        return statements;
    }

private:
    // Past whitespace, comments and meta-command lines; false at the end.
    bool skipBetweenStatements()
    {
        while (i < s.size()) {
            if (s[i].isSpace()) {
                ++i;
            } else if (startsWith(u"--") || s[i] == u'\\') {
                skipLine();
            } else if (startsWith(u"/*")) {
                skipBlockComment();
            } else {
                return true;
            }
        }
        return false;
    }

    void readStatement()
    {
        int atomicDepth = 0;
        bool routine = false; // CREATE FUNCTION / PROCEDURE: BEGIN ATOMIC ... END may hold ';'
        int words = 0;
        while (i < s.size()) {
            const QChar c = s[i];
            if (c == u';' && atomicDepth == 0) {
                ++i;
                return;
            }
            if (startsWith(u"--")) {
                skipLine();
            } else if (startsWith(u"/*")) {
                skipBlockComment();
            } else if (c == u'\'') {
                skipString(i > 0 && (s[i - 1] == u'E' || s[i - 1] == u'e') && (i < 2 || !isWordChar(s[i - 2])));
            } else if (c == u'"') {
                skipQuoted(u'"');
            } else if (c == u'$' && (i == 0 || !isWordChar(s[i - 1])) && skipDollarQuote()) {
                // skipped
            } else if (isWordChar(c)) {
                const qsizetype start = i;
                while (i < s.size() && isWordChar(s[i]))
                    ++i;
                const QString word = s.mid(start, i - start).toUpper();
                ++words;
                if (words <= 4 && (word == QLatin1String("FUNCTION") || word == QLatin1String("PROCEDURE")))
                    routine = true;
                if (routine && word == QLatin1String("BEGIN"))
                    ++atomicDepth;
                else if (routine && atomicDepth > 0 && word == QLatin1String("CASE"))
                    ++atomicDepth;
                else if (routine && atomicDepth > 0 && word == QLatin1String("END"))
                    --atomicDepth;
            } else {
                ++i;
            }
        }
    }

    bool startsWith(const char16_t* text) const { return QStringView(s).mid(i).startsWith(QStringView(text)); }

    void skipLine()
    {
        while (i < s.size() && s[i] != u'\n')
            ++i;
    }

    void skipBlockComment()
    {
        int depth = 0;
        while (i < s.size()) {
            if (startsWith(u"/*")) {
                ++depth;
                i += 2;
            } else if (startsWith(u"*/")) {
                i += 2;
                if (--depth == 0)
                    return;
            } else {
                ++i;
            }
        }
    }

    void skipString(bool backslashEscapes)
    {
        ++i;
        while (i < s.size()) {
            if (backslashEscapes && s[i] == u'\\') {
                i += 2;
            } else if (s[i] == u'\'') {
                ++i;
                if (i < s.size() && s[i] == u'\'')
                    ++i;
                else
                    return;
            } else {
                ++i;
            }
        }
    }

    void skipQuoted(QChar quote)
    {
        ++i;
        while (i < s.size()) {
            if (s[i] == quote) {
                ++i;
                if (i < s.size() && s[i] == quote)
                    ++i;
                else
                    return;
            } else {
                ++i;
            }
        }
    }

    // $tag$ ... $tag$ (a tag does not start with a digit: $1 is a parameter).
    bool skipDollarQuote()
    {
        qsizetype end = i + 1;
        while (end < s.size() && s[end] != u'$' && (s[end].isLetterOrNumber() || s[end] == u'_'))
            ++end;
        if (end >= s.size() || s[end] != u'$' || (end > i + 1 && s[i + 1].isDigit()))
            return false;
        const QString tag = s.mid(i, end - i + 1);
        const qsizetype close = s.indexOf(tag, end + 1);
        i = close < 0 ? s.size() : close + tag.size();
        return true;
    }

    const QString& s;
    qsizetype i = 0;
};

} // namespace

QStringList SqlStatements::split(const QString& script)
{
    return Splitter(script).run();
}
