#include "platform/error.hpp"

namespace yc {

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return "INVALID_JSON";
    case ErrorCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case ErrorCode::kUnsupportedMediaType: return "UNSUPPORTED_MEDIA_TYPE";
    case ErrorCode::kPayloadTooLarge: return "PAYLOAD_TOO_LARGE";
    case ErrorCode::kNotFound: return "NOT_FOUND";
    case ErrorCode::kMethodNotAllowed: return "METHOD_NOT_ALLOWED";
    case ErrorCode::kUnauthenticated: return "UNAUTHENTICATED";
    case ErrorCode::kForbidden: return "FORBIDDEN";
    case ErrorCode::kConflict: return "CONFLICT";
    case ErrorCode::kVersionConflict: return "VERSION_CONFLICT";
    case ErrorCode::kUnprocessable: return "UNPROCESSABLE";
    case ErrorCode::kUnavailable: return "UNAVAILABLE";
    case ErrorCode::kReadOnly: return "READ_ONLY";
    case ErrorCode::kStorageFull: return "STORAGE_FULL";
    case ErrorCode::kDeviceAbsent: return "DEVICE_ABSENT";
    case ErrorCode::kNoCard: return "NO_CARD";
    case ErrorCode::kDeviceFailed: return "DEVICE_FAILED";
    case ErrorCode::kCsrfRejected: return "CSRF_REJECTED";
    case ErrorCode::kStepRequired: return "STEP_REQUIRED";
    case ErrorCode::kRateLimited: return "RATE_LIMITED";
    case ErrorCode::kInternal: return "INTERNAL";
  }
  return "INTERNAL";
}

std::string_view default_message(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return "请求内容不是有效的 JSON";
    case ErrorCode::kInvalidArgument: return "请求参数有误";
    case ErrorCode::kUnsupportedMediaType: return "请求内容类型不受支持,请使用 application/json";
    case ErrorCode::kPayloadTooLarge: return "请求内容过大";
    case ErrorCode::kNotFound: return "请求的资源不存在";
    case ErrorCode::kMethodNotAllowed: return "该资源不支持此请求方法";
    case ErrorCode::kUnauthenticated: return "请先登录";
    case ErrorCode::kForbidden: return "无权执行此操作";
    case ErrorCode::kConflict: return "操作与现有数据冲突";
    case ErrorCode::kVersionConflict: return "数据已被他人修改,请刷新后重试";
    case ErrorCode::kUnprocessable: return "请求无法处理";
    case ErrorCode::kUnavailable: return "服务暂时不可用,请稍后重试";
    case ErrorCode::kReadOnly: return "系统当前处于只读状态,暂不能保存修改";
    case ErrorCode::kStorageFull: return "存储空间不足,本次修改未保存";
    case ErrorCode::kDeviceAbsent: return "未找到设备,请检查设备连接";
    case ErrorCode::kNoCard: return "未检测到卡片,请将卡片放在读卡器上";
    case ErrorCode::kDeviceFailed: return "设备操作失败,请重试";
    case ErrorCode::kCsrfRejected: return "请求缺少有效的安全令牌,请刷新页面后重试";
    case ErrorCode::kStepRequired: return "请先完成登录步骤(动态口令或修改密码)";
    case ErrorCode::kRateLimited: return "请求过于频繁,请稍后再试";
    case ErrorCode::kInternal: return "系统内部错误,请联系管理员并提供请求编号";
  }
  return "系统内部错误";
}

Error Error::make(ErrorCode code, std::string message, std::string field) {
  if (message.empty()) message = std::string(default_message(code));
  return Error{code, std::move(message), std::move(field), 0};
}

}  // namespace yc
