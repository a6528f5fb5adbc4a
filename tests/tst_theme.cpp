// SPDX-License-Identifier: GPL-3.0-or-later
// The application style sheet drawn for real (offscreen): highlighted items of drop-down lists show their text,
// and every focusable control shows keyboard focus, in the light and the dark palette.
#include "Theme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>
#include <QVBoxLayout>

using namespace ledgerguard;

namespace {

// Pixels of `rect` in `image` whose colour is far from `background` (the glyphs drawn on it).
int inkPixels(const QImage& image, const QRect& rect, const QColor& background)
{
    int ink = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const int d = std::abs(c.red() - background.red()) + std::abs(c.green() - background.green())
                + std::abs(c.blue() - background.blue());
            if (d > 150)
                ++ink;
        }
    return ink;
}

// The most frequent colour of `rect` in `image` (an item's fill).
QColor dominantColour(const QImage& image, const QRect& rect)
{
    QHash<QRgb, int> counts;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            ++counts[image.pixel(x, y)];
    QRgb best = 0;
    int bestCount = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    return QColor::fromRgb(best);
}

// Number of pixels that differ between two images of the same size.
int differentPixels(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return a.width() * a.height();
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            n += a.pixel(x, y) != b.pixel(x, y);
    return n;
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void comboHighlightShowsText_data();
    void comboHighlightShowsText();
    void focusIsVisible_data();
    void focusIsVisible();

private:
    QPalette m_systemPalette;
};

void TestTheme::init()
{
    m_systemPalette = QApplication::palette();
}

void TestTheme::cleanup()
{
    QApplication::setPalette(m_systemPalette);
    qApp->setStyleSheet(QString());
}

void TestTheme::comboHighlightShowsText_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestTheme::comboHighlightShowsText()
{
    QFETCH(bool, dark);
    if (dark)
        QApplication::setPalette(theme::darkPalette());
    theme::apply(*qApp);
    QWidget window;
    auto* combo = new QComboBox(&window);
    combo->addItems({QStringLiteral("All risks"), QStringLiteral("HIGH only"), QStringLiteral("MEDIUM and up")});
    (new QVBoxLayout(&window))->addWidget(combo);
    window.resize(320, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    combo->showPopup();
    QAbstractItemView* list = combo->view();
    QTRY_VERIFY(list->isVisible());
    // The hovered / keyboard-current item is drawn highlighted.
    const QModelIndex highlighted = list->model()->index(1, 0);
    list->setCurrentIndex(highlighted);
    list->selectionModel()->select(highlighted, QItemSelectionModel::ClearAndSelect);
    QApplication::processEvents();
    const QImage shot = list->viewport()->grab().toImage();
    if (qEnvironmentVariableIsSet("LG_SCREENSHOT_DIR"))
        shot.save(qEnvironmentVariable("LG_SCREENSHOT_DIR")
                  + (dark ? QStringLiteral("/combo-popup-dark.png") : QStringLiteral("/combo-popup-light.png")));
    const QRect item = list->visualRect(highlighted).intersected(shot.rect());
    QVERIFY(!item.isEmpty());
    // Inside the item (its frame left out) the text stands out from the fill, and the fill is the highlight.
    const QRect inside = item.adjusted(3, 3, -3, -3);
    const QColor fill = dominantColour(shot, inside);
    QVERIFY2(inkPixels(shot, inside, fill) > 20,
             qPrintable(QStringLiteral("%1 text pixels on the highlighted item's fill %2")
                            .arg(inkPixels(shot, inside, fill))
                            .arg(fill.name())));
    const QColor highlight = list->palette().color(QPalette::Highlight);
    QVERIFY2(std::abs(fill.red() - highlight.red()) + std::abs(fill.green() - highlight.green())
                     + std::abs(fill.blue() - highlight.blue())
                 < 60,
             qPrintable(fill.name() + QStringLiteral(" is not the highlight ") + highlight.name()));
    const QRect plain = list->visualRect(list->model()->index(0, 0)).intersected(shot.rect()).adjusted(3, 3, -3, -3);
    QVERIFY(inkPixels(shot, plain, dominantColour(shot, plain)) > 20);
    combo->hidePopup();
}

void TestTheme::focusIsVisible_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("dark");
    for (const char* kind : {"button", "combo", "check", "radio", "line", "date"}) {
        QTest::newRow(qPrintable(QStringLiteral("%1 light").arg(QLatin1String(kind))))
            << QString::fromLatin1(kind) << false;
        QTest::newRow(qPrintable(QStringLiteral("%1 dark").arg(QLatin1String(kind))))
            << QString::fromLatin1(kind) << true;
    }
}

void TestTheme::focusIsVisible()
{
    QFETCH(QString, kind);
    QFETCH(bool, dark);
    if (dark)
        QApplication::setPalette(theme::darkPalette());
    theme::apply(*qApp);
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* other = new QLineEdit(&window);
    layout->addWidget(other);
    QWidget* control = nullptr;
    if (kind == QLatin1String("button"))
        control = new QPushButton(QStringLiteral("Confirm"), &window);
    else if (kind == QLatin1String("combo"))
        control = new QComboBox(&window);
    else if (kind == QLatin1String("check"))
        control = new QCheckBox(QStringLiteral("Skip rows with errors"), &window);
    else if (kind == QLatin1String("radio"))
        control = new QRadioButton(QStringLiteral("Into the account"), &window);
    else if (kind == QLatin1String("line"))
        control = new QLineEdit(&window);
    else
        control = new QDateEdit(&window);
    if (auto* combo = qobject_cast<QComboBox*>(control))
        combo->addItem(QStringLiteral("All risks"));
    layout->addWidget(control);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    other->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(other->hasFocus());
    const QImage unfocused = control->grab().toImage();
    control->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(control->hasFocus());
    QApplication::processEvents();
    const QImage focused = control->grab().toImage();
    // A visible focus mark: a frame or fill of many pixels, not a single changed corner.
    QVERIFY2(
        differentPixels(unfocused, focused) > 40,
        qPrintable(
            QStringLiteral("%1 pixels change when %2 takes focus").arg(differentPixels(unfocused, focused)).arg(kind)));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
