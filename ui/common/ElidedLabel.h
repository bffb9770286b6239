#pragma once

#include <QLabel>

// A one-line plain-text label that shows as much of its text as fits, ending in "…", with the
// whole text as its tooltip. It asks for room for the whole text but accepts much less, so long
// server names and status lines never force the window's panes wider.
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    const QString& fullText() const { return m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString m_fullText;
};
