package org.urad.envmon.ingest.support;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback for test clients that only care about arriving messages. */
@FunctionalInterface
public interface OnMessage extends MqttCallback {

    @Override
    default void disconnected(MqttDisconnectResponse response) {}

    @Override
    default void mqttErrorOccurred(MqttException exception) {}

    @Override
    default void deliveryComplete(IMqttToken token) {}

    @Override
    default void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    default void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
