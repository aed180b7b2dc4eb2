package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.QueryForm;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQS's flattened query forms in, and its flattened XML out. */
class QueryWireTest {
  @Test
  void flattenedMembersAreShapedAsTheJsonProtocolsInput() {
    var form =
        QueryForm.parse(
            "Action=SendMessageBatch&QueueUrl=u"
                + "&SendMessageBatchRequestEntry.2.Id=b&SendMessageBatchRequestEntry.2.MessageBody=y"
                + "&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x"
                + "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=k"
                + "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=Binary"
                + "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue=AQI%3D"
                + "&AttributeName.2=SentTimestamp&AttributeName.1=All"
                + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=5"
                + "&Tag.1.Key=team&Tag.1.Value=core&TagKey.1=old");
    var shaped = QueryInput.shape(form);
    assertThat(shaped.at("/Entries/0/Id").asText()).isEqualTo("a");
    assertThat(shaped.at("/Entries/1/Id").asText()).isEqualTo("b");
    assertThat(shaped.at("/Entries/0/MessageAttributes/k/DataType").asText()).isEqualTo("Binary");
    assertThat(shaped.at("/AttributeNames").toString()).isEqualTo("[\"All\",\"SentTimestamp\"]");
    assertThat(shaped.at("/Attributes/VisibilityTimeout").asText()).isEqualTo("5");
    assertThat(shaped.at("/Tags/team").asText()).isEqualTo("core");
    assertThat(shaped.at("/tags/team").asText()).isEqualTo("core");
    assertThat(shaped.at("/TagKeys/0").asText()).isEqualTo("old");
    assertThat(shaped.at("/QueueUrl").asText()).isEqualTo("u");
  }

  @Test
  void resultsAreWrittenWithSqsFlattenedElements() {
    Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
    attributes.put("k", new MessageAttribute("v<&>", null, "String"));
    attributes.put("b", new MessageAttribute(null, new byte[] {1, 2}, "Binary"));
    var received =
        new Results.Received(
            List.of(
                new Results.Message(
                    "id",
                    "rh",
                    "md5",
                    "line\r\nnext",
                    Map.of("SentTimestamp", "1"),
                    "amd5",
                    attributes)));
    String xml =
        new String(
            QueryReplies.reply("ReceiveMessage", received, "req").body(), StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
                + "<ReceiveMessageResult><Message><MessageId>id</MessageId>")
        .contains("<Body>line&#xD;\nnext</Body>")
        .contains("<Attribute><Name>SentTimestamp</Name><Value>1</Value></Attribute>")
        .contains(
            "<MessageAttribute><Name>k</Name><Value><StringValue>v&lt;&amp;&gt;</StringValue>"
                + "<DataType>String</DataType></Value></MessageAttribute>")
        .contains("<BinaryValue>AQI=</BinaryValue>")
        .endsWith(
            "</ReceiveMessageResult><ResponseMetadata><RequestId>req</RequestId>"
                + "</ResponseMetadata></ReceiveMessageResponse>");
    String empty =
        new String(
            QueryReplies.reply("DeleteMessage", new Results.Empty(), "r").body(),
            StandardCharsets.UTF_8);
    assertThat(empty).doesNotContain("DeleteMessageResult").contains("<RequestId>r</RequestId>");
    String urls =
        new String(
            QueryReplies.reply("ListQueues", new Results.QueueUrls(List.of("a", "b"), null), "r")
                .body(),
            StandardCharsets.UTF_8);
    assertThat(urls).contains("<ListQueuesResult><QueueUrl>a</QueueUrl><QueueUrl>b</QueueUrl>");
  }

  @Test
  void queueUrlsNameTheirQueueWhateverTheHost() {
    String account = "000000000000";
    assertThat(QueueUrls.name("http://127.0.0.1:9070/000000000000/orders", null, account))
        .isEqualTo("orders");
    assertThat(
            QueueUrls.name("https://sqs.us-east-1.amazonaws.com/000000000000/o-1", null, account))
        .isEqualTo("o-1");
    assertThat(QueueUrls.name(null, "/000000000000/by-path", account)).isEqualTo("by-path");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> QueueUrls.name("http://h/111111111111/orders", null, account))
        .hasMessage("The specified queue does not exist.");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueueUrls.name(null, "/", account))
        .hasMessageContaining("QueueUrl");
  }
}
