package dev.warden.samples.tidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateInNameTest {

    @ParameterizedTest
    @CsvSource({
        "IMG_20260302_101500.jpg, 2026-03",
        "PXL_20231225_083000123.jpg, 2023-12",
        "Screenshot 2026-03-02 at 10.15.00.png, 2026-03",
        "WhatsApp Image 2025-11-30 at 18.02.11.jpeg, 2025-11",
        "scan_2024_01_15.pdf, 2024-01",
        "minutes 1999.12.31.txt, 1999-12",
        "invoice-2026-02.pdf, 2026-02",
        "report_2026_04 final.docx, 2026-04",
        "v2 2026-02-30 then 2026-02-28.txt, 2026-02",
    })
    void findsTheDateCamerasPhonesAndPeopleWrite(String name, String expected) {
        assertThat(DateInName.find(name)).contains(YearMonth.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "holiday.jpg", "IMG_1234.jpg", "20260302101500.jpg", "2026-0302.pdf", "2026_03-02.pdf", "1899-05-01.txt",
        "2026-13-01.txt", "2026-02-30.txt", "order-12026-03.pdf", "release-2026-03-1.zip"})
    void findsNoDateWhereThereIsNoneOrItIsAmbiguous(String name) {
        assertThat(DateInName.find(name)).isEmpty();
    }
}
