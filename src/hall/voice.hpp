#pragma once
// The calling voice (issue 7, item 3; research/devices.md): "请 A015 号到
// 3 号窗口办理", the ticket read one character at a time, made by espeak-ng
// with the voice cmn-latn-pinyin (plain cmn reads Latin letters as English).
// The screens of a hall play the WAV; the routes (to come) cache it per text.

#include <cstdint>
#include <string>

#include "platform/result.hpp"

namespace yc::hall {

// "请 A 零 一 五 号到 三 号窗口办理": letters and digits one by one for the
// ticket, the window number as a Chinese number (1-99), digits beyond.
std::string call_text(const std::string& label, int window_number);

// 0-99 as Chinese numerals (三, 十二, 二十); other numbers digit by digit.
std::string chinese_number(int n);

// WAV bytes of the text (espeak-ng --stdout, no shell). kUnavailable when
// espeak-ng is missing or takes longer than timeout_ms.
Result<std::string> synthesize(const std::string& text, int timeout_ms = 10000);

}  // namespace yc::hall
