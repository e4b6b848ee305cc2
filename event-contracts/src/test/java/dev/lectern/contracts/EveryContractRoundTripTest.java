package dev.lectern.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample document decodes to its record, and that record encodes back to the same contract. */
class EveryContractRoundTripTest {

    static Stream<Path> samples() throws IOException {
        return Files.walk(Path.of("src/main/resources/contracts")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleDecodesAndEncodesBackToItsContract(Path sample) throws IOException {
        String topic = sample.getParent().getFileName().toString();
        String eventType = sample.getFileName().toString().replace(".json", "");

        DomainEvent event = EventCodec.decode(topic, Files.readAllBytes(sample)).orElseThrow();
        EventCodec.Encoded encoded = EventCodec.encode(event);

        assertThat(event.topic()).isEqualTo(topic);
        assertThat(encoded.eventType()).isEqualTo(eventType);
        assertThat(EventContracts.violations(encoded)).isEmpty();
    }
}
