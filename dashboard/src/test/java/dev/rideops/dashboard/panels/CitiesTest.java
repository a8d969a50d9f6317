package dev.rideops.dashboard.panels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's cities are the source's reference data (the generator plays those). */
class CitiesTest {

    @Test
    void theCitiesAreTheSourcesReferenceData() throws Exception {
        String sql = Files.readString(
                Path.of("..", "generator", "src", "main", "resources", "db", "source", "V2__reference_data.sql"));
        Matcher m = Pattern.compile("\\('([A-Z]{3})', '([^']+)', ([0-9.]+), ([0-9.]+),")
                .matcher(sql);
        List<Cities.City> source = new ArrayList<>();
        while (m.find()) {
            source.add(new Cities.City(
                    m.group(1), m.group(2), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
        }
        assertThat(Cities.ALL).containsExactlyElementsOf(source);
    }

    @Test
    void aCitysBoxIsItsTwelveByTwelveGridOfHundredthDegreeCells() {
        Cities.City hcm = Cities.byCode("HCM").orElseThrow();
        assertThat(hcm.maxLat() - hcm.minLat()).isCloseTo(0.12, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hcm.minLon()).isCloseTo(106.6409, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Cities.byCode("XYZ")).isEmpty();
    }
}
